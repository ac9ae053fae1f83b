from datetime import timedelta

from sqlalchemy import select

from engine.runtime import periodic
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
