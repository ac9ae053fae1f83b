from datetime import UTC, datetime, timedelta

import pytest

from engine.kinds.fallout_rules import FALLOUT_ACTIONS
from engine.lifecycle.circuit_breaker import CLOSED, HALF_OPEN, OPEN, Breaker
from engine.lifecycle.fallout import (
    DEFAULT_FALLOUT,
    OUTCOMES,
    RECORD_ACTIONS,
    classify,
    decide,
    fallout_event,
)
from engine.rules.events import ActionDecision

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def retry(backoff=30, max_attempts=3):
    return ActionDecision("transient", "retry", {"backoffSeconds": backoff, "maxAttempts": max_attempts})


def fallout(kind="inventory allocation", priority=2, group="inventory-team"):
    return ActionDecision("allocation", "createFallout", {"type": kind, "priority": priority,
                                                          "assignmentGroup": group})


def test_retry_backs_off_exponentially_until_max_attempts_then_opens_a_fallout():
    assert decide([retry()], attempt=1).retry_after == timedelta(seconds=30)
    assert decide([retry()], attempt=2).retry_after == timedelta(seconds=60)
    exhausted = decide([retry()], attempt=3)
    assert exhausted.retry_after is None and exhausted.fallout["type"] == DEFAULT_FALLOUT["type"]


def test_a_fallout_rule_opens_a_record_and_no_retry_happens():
    plan = decide([fallout(), ActionDecision("n", "notify", {"to": "noc"}),
                   ActionDecision("f", "failItem", {})], attempt=1)
    assert plan.fallout == {"type": "inventory allocation", "priority": 2, "assignmentGroup": "inventory-team",
                            "description": None}
    assert plan.retry_after is None and plan.fail_item and plan.notify == ({"to": "noc", "rule": "n"},)
    assert plan.rules == ("allocation", "n", "f")


def test_every_action_a_fallout_rule_can_name_has_its_place_in_the_plan():
    assert set(FALLOUT_ACTIONS) == {"retry", *RECORD_ACTIONS, *OUTCOMES}
    with pytest.raises(ValueError, match="raiseJeopardy"):
        decide([ActionDecision("r", "raiseJeopardy", {"level": "high"})], attempt=1)


def test_while_a_retry_is_allowed_only_notify_goes_with_it_then_the_other_actions_apply():
    decisions = [retry(max_attempts=2), ActionDecision("tell", "notify", {"to": "noc"}),
                 ActionDecision("give-up", "resume", {})]
    first = decide(decisions, attempt=1)
    assert first.retry_after == timedelta(seconds=30) and first.outcome is None and first.fallout is None
    assert first.notify == ({"to": "noc", "rule": "tell"},)
    used_up = decide(decisions, attempt=2)
    assert used_up.retry_after is None and used_up.outcome == "resume"
    assert used_up.fallout["assignmentGroup"] == DEFAULT_FALLOUT["assignmentGroup"]


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_each_outcome_is_the_plans_and_the_first_decided_wins(outcome):
    other = next(o for o in OUTCOMES if o != outcome)
    plan = decide([fallout(), ActionDecision("a", outcome, {"reason": "why"}), ActionDecision("b", other, {})],
                  attempt=1)
    assert (plan.outcome, plan.outcome_params) == (outcome, {"reason": "why"})
    assert plan.overruled == ({"action": other, "rule": "b"},)


def test_reassign_and_escalate_shape_the_record():
    plan = decide([fallout(priority=3), ActionDecision("move", "reassign", {"assignmentGroup": "noc-tier2"}),
                   ActionDecision("up", "escalate", {"to": "fulfillmentManager", "reason": "VIP"})], attempt=1)
    assert plan.fallout["assignmentGroup"] == "noc-tier2" and plan.fallout["reassignedFrom"] == "inventory-team"
    assert plan.fallout["escalatedTo"] == "fulfillmentManager" and plan.fallout["priority"] == 2
    assert plan.escalations == ({"to": "fulfillmentManager", "reason": "VIP", "rule": "up"},)
    assert decide([fallout(priority=1), ActionDecision("up", "escalate", {"to": "x"})], 1).fallout["priority"] == 1
    missing = decide([fallout(group=None), ActionDecision("move", "reassign", {"assignmentGroup": None})], 1)
    assert missing.fallout["assignmentGroup"] == DEFAULT_FALLOUT["assignmentGroup"]


def test_no_matching_rule_still_gives_the_failure_an_owner():
    plan = decide([], attempt=1)
    assert plan.fallout["assignmentGroup"] == "fallout" and plan.retry_after is None


def test_the_event_classifies_errors_when_the_handler_did_not():
    assert classify("https://oss/ timed out") == "transient"
    assert classify("no port left to reserve") == "inventory"
    assert classify("HSS rejected the IMSI") == "provisioning"
    event = fallout_event({"key": "hss"}, {"ref": "service:iot"}, {"id": "o1"}, "HTTP 503", 2)
    assert (event["errorType"], event["attempt"]) == ("transient", 2)
    assert (event["error"], event["task"]["attempt"]) == ({"code": "http_503", "message": "HTTP 503"}, 2)
    assert fallout_event({}, {}, {}, "OSS unreachable", 1)["error"]["code"] == "unavailable"
    assert fallout_event({}, {}, {}, "HSS rejected", 1)["error"]["code"] == "provisioning"


def test_the_breaker_opens_after_consecutive_failures_and_probes_after_the_cool_down():
    breaker = Breaker("oss-fibre", threshold=3, cool_down=timedelta(minutes=1))
    for _ in range(2):
        breaker = breaker.failed(NOW)
    assert breaker.state == CLOSED and breaker.allows(NOW)
    breaker = breaker.failed(NOW)
    assert breaker.state == OPEN and not breaker.allows(NOW + timedelta(seconds=59))
    probing = breaker.before_call(NOW + timedelta(minutes=1))
    assert probing.state == HALF_OPEN
    assert probing.failed(NOW + timedelta(minutes=1)).state == OPEN
    assert probing.succeeded().state == CLOSED and probing.succeeded().failures == 0


def test_a_success_resets_the_count_and_marking_up_closes():
    breaker = Breaker("x", threshold=3).failed(NOW).failed(NOW).succeeded().failed(NOW)
    assert (breaker.state, breaker.failures) == (CLOSED, 1)
    opened = Breaker("x", threshold=1).failed(NOW)
    assert opened.marked_up().state == CLOSED
