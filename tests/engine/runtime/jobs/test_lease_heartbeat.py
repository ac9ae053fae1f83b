"""A job that runs longer than its lease keeps it (the worker's heartbeat extends it), so no other worker takes
it over and does it again while it is still running."""
import time
from datetime import timedelta

from sqlalchemy import select

from engine.runtime.jobs import queue as jobs
from engine.runtime.jobs import registry
from engine.runtime.jobs.worker import Worker
from engine.store.models import Job


def leased_until(runtime):
    with runtime.reading() as session:
        return session.execute(select(Job.leased_until).order_by(Job.id)).scalars().first()


def test_a_job_running_past_its_lease_is_not_taken_over(runtime, clock, monkeypatch):
    taken_over = []

    def long_job(uow, payload):
        clock.advance(hours=1)  # far past the lease the job was taken with
        deadline = time.monotonic() + 30
        while (leased_until(runtime) or clock.now()) < clock.now() and time.monotonic() < deadline:
            time.sleep(0.02)  # until the heartbeat has extended the lease from the new time
        with runtime.session_factory() as session, session.begin():
            taken_over.append(jobs.lease(session, "other", clock.now(), lease_seconds=60))

    monkeypatch.setitem(registry.JOB_HANDLERS, "test.long", long_job)
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("test.long", {})
    worker = Worker(runtime.session_factory, clock, worker_id="slow", lease_seconds=0.3)
    assert worker.run_once()
    assert taken_over == [None]
    with runtime.reading() as session:
        job = session.execute(select(Job)).scalars().one()
    assert (job.state, job.attempts, job.leased_by) == ("done", 1, "slow")


def test_the_heartbeat_stops_when_the_lease_is_lost(runtime, clock):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.record", {"mark": "x"})
    with runtime.session_factory() as session, session.begin():
        first = jobs.lease(session, "w1", clock.now(), lease_seconds=30)
    clock.advance(seconds=31)
    with runtime.session_factory() as session, session.begin():
        assert jobs.lease(session, "w2", clock.now(), lease_seconds=30) is not None
    with runtime.session_factory() as session, session.begin():
        assert not jobs.extend_lease(session, first, clock.now(), 30)
    assert leased_until(runtime) == clock.now() + timedelta(seconds=30)
