"""Planned times and the critical path with compensations (undo), replacements (redo) and timers."""
from datetime import UTC, datetime, timedelta

import pytest

from engine.lifecycle.timeline import TimelineTask, plan_timeline

T = datetime(2026, 1, 1, 9, tzinfo=UTC)
H = timedelta(hours=1)


def task(key, domain="resource:r", *, hours=1, depends_on=(), waits_for=(), completed=None, started=None,
         state="pending", domain_id=None, created=T, **extra):
    return TimelineTask(f"{domain_id or domain}/{key}", key, domain, state, hours * H, tuple(depends_on),
                        tuple(waits_for), started, completed, domain_id=domain_id, created_at=created, **extra)


def undo(key, domain, *, depends_on=(), waits_for=(), batch="order cancelled", created=T + 5 * H, **extra):
    return task(f"undo:{key}", domain, depends_on=depends_on, waits_for=waits_for, compensates=key, batch=batch,
                created=created, **extra)


def test_compensations_run_after_the_work_in_reverse_dependency_order_on_the_critical_path():
    # the service is built on the resource; cancelled at T+5h after both were done
    tasks = [task("reserve", completed=T + H, started=T, state="completed"),
             task("activate", "service:s", waits_for=["resource:r"], started=T + H, completed=T + 3 * H,
                  state="completed"),
             undo("reserve", "resource:r", waits_for=["service:s"]),
             undo("activate", "service:s", hours=2)]
    entries, critical = plan_timeline(tasks, T)
    by_key = {e.task.key: e for e in entries.values()}
    assert (by_key["undo:activate"].planned_start, by_key["undo:activate"].planned_end) == (T + 5 * H, T + 7 * H)
    assert (by_key["undo:reserve"].planned_start, by_key["undo:reserve"].planned_end) == (T + 7 * H, T + 8 * H)
    assert by_key["undo:reserve"].predecessors == ["resource:r/reserve", "service:s/undo:activate"]
    assert critical == ["resource:r/reserve", "service:s/activate", "service:s/undo:activate",
                        "resource:r/undo:reserve"]


def test_a_compensation_waits_only_for_the_undo_of_its_own_cancellation_or_revision():
    tasks = [task("a"), task("b", "service:s", waits_for=["resource:r"]),
             undo("a", "resource:r", waits_for=["service:s"], batch="revision 2"),
             undo("b", "service:s", batch="revision 3", hours=10, domain_id="s-old")]
    entries, _ = plan_timeline(tasks, T)
    assert entries["resource:r/undo:a"].predecessors == ["resource:r/a"]


def test_a_revision_at_the_same_instant_places_redo_after_undo_without_a_cycle():
    # resource r1 and the service s1 on it are both replaced by r2 and s2 in one revision
    tasks = [task("reserve", domain_id="r1", completed=T + H, started=T, state="completed"),
             task("build", "service:s", domain_id="s1", waits_for=["resource:r"], completed=T + 2 * H,
                  started=T + H, state="completed"),
             undo("reserve", "resource:r", domain_id="r1", waits_for=["service:s"], batch="revision 2"),
             undo("build", "service:s", domain_id="s1", batch="revision 2"),
             task("reserve", domain_id="r2", replaces="r1", created=T + 5 * H),
             task("build", "service:s", domain_id="s2", waits_for=["resource:r"], replaces="s1", created=T + 5 * H)]
    for same_instant in (False, True):
        if same_instant:
            tasks = [TimelineTask(**{**t.__dict__, "created_at": T}) for t in tasks]
        entries, critical = plan_timeline(tasks, T, not_before=T + 5 * H)
        assert entries["s1/build"].predecessors == ["r1/reserve"]
        assert entries["r1/undo:reserve"].predecessors == ["r1/reserve", "s1/undo:build"]
        assert entries["r2/reserve"].predecessors == ["r1/undo:reserve"]
        assert entries["s2/build"].predecessors == ["r2/reserve", "s1/undo:build"]
        assert entries["s2/build"].planned_end == T + 9 * H
        assert critical == ["r1/reserve", "s1/build", "s1/undo:build", "r1/undo:reserve", "r2/reserve", "s2/build"]


def test_a_timer_ends_at_its_wake_time_and_what_follows_waits_for_it():
    tasks = [task("submit", hours=0, started=T, completed=T, state="completed"),
             task("await-donor", hours=0, depends_on=["submit"], started=T, state="waiting",
                  wake_at=T + 24 * H),
             task("cutover", depends_on=["await-donor"])]
    entries, critical = plan_timeline(tasks, T, not_before=T + H)
    assert entries["resource:r/await-donor"].planned_end == T + 24 * H
    assert entries["resource:r/cutover"].planned_end == T + 25 * H
    assert critical[-2:] == ["resource:r/await-donor", "resource:r/cutover"]
    ended_early = [tasks[0], TimelineTask(**{**tasks[1].__dict__, "wake_at": T + H}), tasks[2]]
    assert plan_timeline(ended_early, T, not_before=T + H)[0]["resource:r/cutover"].planned_end == T + 2 * H


def test_a_real_cycle_is_still_an_error():
    with pytest.raises(ValueError, match="dependency cycle"):
        plan_timeline([task("a", depends_on=["b"]), task("b", depends_on=["a"])], T)
