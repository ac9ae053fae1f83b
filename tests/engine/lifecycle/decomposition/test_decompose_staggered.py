"""Staggered decomposition: a domain order missing information waits; the rest proceeds; the update releases it."""
from datetime import UTC, datetime

import pytest

from engine.lifecycle.decomposition import complete_information

LATER = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VOICE = "service:oss-voice:plan.voice"


@pytest.fixture
def before(decompose, item, order):
    return decompose(order(item("1", "fibre-500", bandwidth=500), item("2", "voip-line")))


@pytest.fixture
def complete(artifacts):
    def run(previous, updated):
        return complete_information(previous, updated, now=LATER, **artifacts)
    return run


def test_the_voip_order_awaits_its_port_in_number_while_the_rest_is_scheduled(before):
    voice = before.domain_order(VOICE)
    assert (voice.state, voice.tasks, voice.plan_key) == ("awaitingInformation", (), "plan.voice")
    assert [(m.item_id, m.specification, m.characteristic) for m in voice.missing] == [
        ("2", "cfs-voice", "portInNumber")]
    assert before.awaiting == (VOICE,)
    others = [d for d in before.domain_orders if d.ref != VOICE]
    assert others and all(d.state == "scheduled" and d.tasks for d in others)
    assert not before.problems


def test_the_update_schedules_the_waiting_order_with_its_tasks(before, complete, item, order):
    after = complete(before, order(item("1", "fibre-500", bandwidth=500), item("2", "voip-line", portInNumber="+44")))
    voice = after.domain_order(VOICE)
    assert voice.state == "scheduled" and voice.missing == ()
    assert [t.key for t in voice.tasks] == ["port", "activate"]
    assert voice.planned_at == LATER and after.planned_at == before.planned_at
    assert voice.lines[0].characteristics == {"portInNumber": "+44"}
    assert voice.task("port").waits_for == ("service:oss-fibre",)
    assert after.awaiting == ()


def test_domain_orders_that_were_not_waiting_are_left_untouched(before, complete, item, order):
    after = complete(before, order(item("1", "fibre-500", bandwidth=999), item("2", "voip-line", portInNumber="+44")))
    for ref in ("product:crm", "resource:inv", "service:oss-fibre"):
        assert after.domain_order(ref) is before.domain_order(ref)
    assert after.domain_order("service:oss-fibre").lines[0].characteristics == {"bandwidth": 500}


def test_the_release_is_traced(before, complete, item, order):
    after = complete(before, order(item("1", "fibre-500", bandwidth=500), item("2", "voip-line", portInNumber="+44")))
    assert after.trace[:len(before.trace)] == before.trace
    release = after.trace[-1]
    assert release.rule == "staggered-completion"
    assert release.decision == {"released": [VOICE], "stillAwaiting": [], "ignored": []}
    assert any(e.stage == "plan" and e.inputs == {"domainOrder": VOICE} and e.decision.get("state") == "scheduled"
               for e in after.trace)


def test_still_missing_information_keeps_it_waiting(before, complete, item, order):
    after = complete(before, order(item("1", "fibre-500", bandwidth=500), item("2", "voip-line", portInNumber="")))
    assert after.domain_order(VOICE).state == "awaitingInformation"
    assert after.trace[-1].decision["stillAwaiting"] == [VOICE]


def test_domain_orders_the_update_would_add_are_not_added(before, complete, item, order):
    updated = order(item("1", "fibre-500", bandwidth=500), item("2", "voip-line", portInNumber="+44"),
                    item("3", "sdwan-site"))
    after = complete(before, updated)
    assert "service:oss-sdwan" not in [d.ref for d in after.domain_orders]
    assert after.trace[-1].decision["ignored"] == ["service:oss-sdwan"]
