from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.runtime.jobs import queue as jobs
from engine.runtime.jobs.worker import Worker
from engine.store.models import AuditEvent, Job


def enqueue(runtime, kind, payload, **options):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue(kind, payload, **options)


def recorded_marks(runtime):
    with runtime.reading() as session:
        return [e.entity_id for e in session.execute(
            select(AuditEvent).where(AuditEvent.action == "diagnostic.recorded").order_by(AuditEvent.id)).scalars()]


def job_rows(runtime):
    with runtime.reading() as session:
        return session.execute(select(Job).order_by(Job.id)).scalars().all()


def test_a_job_with_an_idempotency_key_is_enqueued_once(runtime):
    enqueue(runtime, "diagnostic.record", {"mark": "a"}, key="k1")
    enqueue(runtime, "diagnostic.record", {"mark": "a"}, key="k1")
    enqueue(runtime, "diagnostic.record", {"mark": "b"})
    assert len(job_rows(runtime)) == 2


def test_the_worker_runs_due_jobs_and_marks_them_done(runtime, worker):
    for mark in "abc":
        enqueue(runtime, "diagnostic.record", {"mark": mark})
    assert worker.run_until_idle() == 3
    assert recorded_marks(runtime) == ["a", "b", "c"]
    assert {j.state for j in job_rows(runtime)} == {"done"}


def test_jobs_scheduled_later_wait_for_their_time(runtime, worker, clock):
    enqueue(runtime, "diagnostic.record", {"mark": "later"}, run_at=clock.now() + timedelta(minutes=5))
    assert worker.run_until_idle() == 0
    clock.advance(minutes=5)
    assert worker.run_until_idle() == 1


def test_an_expired_lease_is_taken_over_and_the_old_holder_cannot_commit(runtime, clock):
    enqueue(runtime, "diagnostic.record", {"mark": "x"})
    with runtime.session_factory() as session, session.begin():
        first = jobs.lease(session, "w1", clock.now(), lease_seconds=30)
    with runtime.session_factory() as session, session.begin():
        assert jobs.lease(session, "w2", clock.now(), lease_seconds=30) is None
    clock.advance(seconds=31)
    second = Worker(runtime.session_factory, clock, worker_id="w2")
    assert second.run_once()
    with pytest.raises(jobs.LeaseLost), runtime.session_factory() as session, session.begin():
        jobs.fence_done(session, first, clock.now())
    assert recorded_marks(runtime) == ["x"]
    job = job_rows(runtime)[0]
    assert (job.state, job.attempts, job.leased_by) == ("done", 2, "w2")


def test_a_failing_job_is_retried_with_backoff_then_marked_failed(runtime, worker, clock):
    with runtime.unit_of_work(actor="test") as uow:
        jobs.enqueue(uow.session, "diagnostic.fail", {"message": "boom"}, now=uow.now, max_attempts=2)
    assert worker.run_until_idle() == 1
    job = job_rows(runtime)[0]
    assert (job.state, job.attempts) == ("queued", 1) and "boom" in job.last_error
    assert job.run_at == clock.now() + timedelta(seconds=2)
    clock.advance(seconds=2)
    assert worker.run_until_idle() == 1
    assert job_rows(runtime)[0].state == "failed"


def test_a_job_kind_without_handler_fails_at_once_and_is_not_lost(runtime, worker):
    enqueue(runtime, "no.such.kind", {})
    worker.run_until_idle()
    job = job_rows(runtime)[0]
    assert job.state == "failed" and "no handler" in job.last_error


def test_a_handler_error_rolls_back_its_effects(runtime, worker, monkeypatch):
    from engine.runtime.jobs import registry

    def record_then_fail(uow, payload):
        uow.audit("diagnostic.recorded", "diagnostic", "half-done")
        raise RuntimeError("after the effect")

    monkeypatch.setitem(registry.JOB_HANDLERS, "test.half", record_then_fail)
    enqueue(runtime, "test.half", {})
    worker.run_until_idle()
    assert recorded_marks(runtime) == []


def test_graceful_release_returns_the_job_without_counting_the_attempt(runtime, clock):
    enqueue(runtime, "diagnostic.record", {"mark": "x"})
    with runtime.session_factory() as session, session.begin():
        leased = jobs.lease(session, "w1", clock.now(), lease_seconds=30)
    with runtime.session_factory() as session, session.begin():
        jobs.release_unstarted(session, leased, clock.now())
    job = job_rows(runtime)[0]
    assert (job.state, job.attempts, job.lease_token) == ("queued", 0, None)
