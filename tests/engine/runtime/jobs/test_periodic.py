from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.runtime.jobs import periodic, registry
from engine.store.models import Job

KIND = "test.periodic-scan"
SCANS: list = []


@periodic.periodic(KIND, timedelta(minutes=5))
def _scan(uow):
    SCANS.append(uow.now)


def queued(runtime, kind=KIND):
    with runtime.reading() as session:
        return session.execute(select(Job).where(Job.kind == kind, Job.state == "queued")).scalars().all()


def test_the_next_slot_starts_after_the_current_one(clock):
    now = clock.now()
    at = periodic.next_slot(now, timedelta(minutes=5))
    assert now < at <= now + timedelta(minutes=5)
    assert (at - periodic.EPOCH) % timedelta(minutes=5) == timedelta(0)


def test_scheduling_twice_queues_one_job_per_slot(runtime, worker):
    assert KIND in worker.schedule_periodic()
    worker.schedule_periodic()
    assert len(queued(runtime)) == 1


def test_a_periodic_scan_runs_when_due_and_queues_the_next_slot(runtime, worker, clock):
    SCANS.clear()
    worker.schedule_periodic()
    first = queued(runtime)[0].run_at
    worker.run_until_idle()
    assert SCANS == []
    clock.advance(minutes=5)
    worker.run_until_idle()
    assert len(SCANS) == 1
    [following] = queued(runtime)
    assert following.run_at == first + timedelta(minutes=5)


FAILING = "test.periodic-failing"
BROKEN: list = [True]


@pytest.fixture
def failing_scan(monkeypatch):
    """A periodic kind whose scan raises while ``BROKEN[0]``, registered for this test only."""
    monkeypatch.setattr(periodic, "PERIODIC", dict(periodic.PERIODIC))
    monkeypatch.setattr(registry, "JOB_HANDLERS", dict(registry.JOB_HANDLERS))

    @periodic.periodic(FAILING, timedelta(minutes=5))
    def _failing(uow):
        if BROKEN[0]:
            raise RuntimeError("scan broke")
    BROKEN[0] = True
    return FAILING


def status(runtime, kind):
    from engine.store.models import PeriodicJobStatus

    with runtime.reading() as session:
        return session.get(PeriodicJobStatus, kind)


def test_a_failing_scan_is_counted_logged_and_rescheduled_and_a_success_resets_the_count(runtime, worker, clock,
                                                                                      caplog, failing_scan):
    import logging

    worker.schedule_periodic()
    with caplog.at_level(logging.ERROR, logger="ordo.periodic"):
        for _ in range(3):
            clock.advance(minutes=5)
            worker.run_until_idle()
    row = status(runtime, FAILING)
    assert row.consecutive_failures == 3 and row.last_success_at is None
    assert row.last_error == "RuntimeError: scan broke" and row.last_error_at == clock.now()
    assert len(queued(runtime, FAILING)) == 1  # the next slot is queued: the chain of runs never ends
    with runtime.reading() as session:  # a failed run is not retried: the next slot comes anyway
        assert {j.state for j in session.execute(select(Job).where(Job.kind == FAILING)).scalars()} == {
            "failed", "queued"}
    assert [r.getMessage() for r in caplog.records if r.name == "ordo.periodic"] == [
        f"periodic job {FAILING} failed: RuntimeError: scan broke"] * 3
    BROKEN[0] = False
    clock.advance(minutes=5)
    worker.run_until_idle()
    row = status(runtime, FAILING)
    assert (row.consecutive_failures, row.last_success_at, row.last_run_at) == (0, clock.now(), clock.now())
    assert row.last_error == "RuntimeError: scan broke"  # the last error stays visible with its time
