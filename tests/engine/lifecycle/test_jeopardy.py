from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from engine.lifecycle.jeopardy import SlaTask, assess, default_level, highest, task_jeopardy
from engine.lifecycle.timeline import TimelineTask

START = datetime(2026, 1, 1, 9, tzinfo=UTC)
H = timedelta(hours=1)


def task(key, *, domain="service:x", duration=H, sla=4 * H, ready=START, started=None, completed=None,
         depends_on=(), waits_for=()):
    timeline = TimelineTask(key, key, domain, "waiting", duration, tuple(depends_on), tuple(waits_for),
                            started, completed)
    return SlaTask(timeline, ready, sla)


@pytest.mark.parametrize("percent,level", [(0, None), (49.9, None), (50, "low"), (74, "low"), (75, "medium"),
                                           (100, "high"), (100.1, "critical"), (300, "critical")])
def test_default_thresholds(percent, level):
    assert default_level(Decimal(str(percent))) == level


def test_a_task_uses_its_sla_from_when_it_became_ready():
    result = task_jeopardy(task("install"), START + 3 * H)
    assert (result.percent, result.level, result.due_at) == (Decimal("75.0"), "medium", START + 4 * H)


def test_completed_tasks_and_tasks_without_sla_are_not_in_jeopardy():
    assert task_jeopardy(task("a", completed=START + 5 * H), START + 9 * H).level is None
    assert task_jeopardy(task("b", sla=None), START + 9 * H) is None
    assert task_jeopardy(task("c", ready=None), START + 9 * H) is None


def test_levels_roll_up_to_domain_orders_and_the_order():
    tasks = [task("late", domain="service:a", ready=START - 5 * H), task("ok", domain="service:b", sla=100 * H)]
    result = assess(tasks, START, START)
    assert result.domain_orders == {"service:a": "critical", "service:b": None}
    assert result.level == "critical" and highest([None, "low", "high"]) == "high"


def test_predicted_completion_beyond_the_commitment_is_jeopardy_before_any_task_is_late():
    tasks = [task("install", duration=48 * H, sla=100 * H, started=START),
             task("activate", duration=2 * H, depends_on=["install"], ready=None)]
    on_time = assess(tasks, START + H, START, committed=START + 60 * H)
    assert on_time.level is None and on_time.predicted_completion == START + 50 * H
    late = assess(tasks, START + H, START, committed=START + 40 * H)
    assert late.level == "high" and late.late_by == 10 * H
    assert "predicted completion" in late.reasons[0]


def test_work_running_late_pushes_the_prediction_to_now():
    tasks = [task("install", duration=2 * H, started=START, sla=100 * H)]
    assert assess(tasks, START + 5 * H, START).predicted_completion == START + 5 * H


def test_the_packs_levels_can_replace_the_defaults():
    custom = lambda percent: "medium" if percent >= 10 else None  # noqa: E731
    assert task_jeopardy(task("install"), START + H, custom).level == "medium"
