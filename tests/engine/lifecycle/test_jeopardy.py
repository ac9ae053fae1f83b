from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from engine.lifecycle.jeopardy import (
    LevelChange,
    SlaTask,
    assess,
    changes,
    current_levels,
    default_level,
    highest,
    jeopardy_event,
    prediction_level,
    task_jeopardy,
)
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


def test_only_changed_levels_are_changes_and_a_missing_subject_is_cleared():
    current = {("task", "a"): ("medium", Decimal("80.0")), ("task", "b"): ("low", Decimal("55.0")),
               ("order", "o"): ("high", None)}
    recorded = {("task", "a"): "low", ("task", "b"): "low", ("task", "c"): "high", ("order", "o"): "critical"}
    found = changes(current, recorded)
    assert [(c.scope, c.subject_id, c.previous, c.level, c.rising) for c in found] == [
        ("order", "o", "critical", "high", False), ("task", "a", "low", "medium", True),
        ("task", "c", "high", None, False)]


def test_the_order_level_of_a_prediction_past_the_committed_date():
    late = assess([task("slow", duration=10 * H, sla=100 * H)], START, START, committed=START + 2 * H)
    assert prediction_level(late, START) == "high" and prediction_level(late, START + 3 * H) == "critical"
    assert current_levels(late, "o1", START) == {("order", "o1"): ("high", None)}
    on_time = assess([task("quick", sla=100 * H)], START, START, committed=START + 2 * H)
    assert prediction_level(on_time, START) is None


def test_the_rules_event_leaves_absent_values_out():
    event = jeopardy_event(LevelChange("task", "t1", None, "low", Decimal("51.0")), {"id": "o1", "category": None},
                           {"key": "install", "assignmentGroup": "field-north"}, None)
    assert event == {"type": "jeopardy", "scope": "task", "level": "low", "percentOfSla": Decimal("51.0"),
                     "order": {"id": "o1"}, "task": {"key": "install", "assignmentGroup": "field-north"}}
