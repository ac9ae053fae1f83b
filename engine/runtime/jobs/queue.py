"""The job queue on the database: enqueue in the caller's transaction, lease, fence, finish."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engine import tracing
from engine.runtime.jobs import wakeup
from engine.store.models import Job

QUEUED, LEASED, DONE, FAILED = "queued", "leased", "done", "failed"


class LeaseLost(Exception):
    """The job's lease expired and another worker took it over: this attempt must not commit."""


@dataclass(frozen=True)
class LeasedJob:
    id: int
    kind: str
    payload: dict
    attempts: int
    max_attempts: int
    token: str
    last_error: str | None = None
    traceparent: str | None = None
    tracestate: str | None = None


def enqueue(session: Session, kind: str, payload: dict, *, now: datetime, run_at: datetime | None = None,
            key: str | None = None, max_attempts: int = 10) -> None:
    """Add a job in the current transaction; a job with the same ``key`` already queued or run is kept. A job due
    now wakes an idle worker when the transaction commits (``wakeup``). The job carries the current trace
    context (``engine.tracing``), so its span continues the trace that queued it."""
    values = dict(kind=kind, payload=payload, state=QUEUED, run_at=run_at or now, attempts=0,
                  max_attempts=max_attempts, idempotency_key=key, created_at=now, **tracing.carrier())
    if run_at is None or run_at <= now:
        wakeup.job_queued(session)
    if key is None:
        session.add(Job(**values))
        return
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(Job).values(**values).on_conflict_do_nothing(index_elements=["idempotency_key"]))


def _claimable(now: datetime):
    return or_((Job.state == QUEUED) & (Job.run_at <= now), (Job.state == LEASED) & (Job.leased_until < now))


def lease(session: Session, worker_id: str, now: datetime, lease_seconds: float, kinds=None) -> LeasedJob | None:
    """Take the oldest claimable job (queued and due, or leased with an expired lease) in its own transaction.

    PostgreSQL claims it in one statement (``UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)``), so
    concurrent workers never wait on each other; SQLite has one writer at a time anyway.
    """
    candidate = select(Job.id).where(_claimable(now)).order_by(Job.run_at, Job.id).limit(1)
    if kinds:
        candidate = candidate.where(Job.kind.in_(kinds))
    token = uuid.uuid4().hex
    values = dict(state=LEASED, lease_token=token, leased_by=worker_id,
                  leased_until=now + timedelta(seconds=lease_seconds), attempts=Job.attempts + 1)
    if session.get_bind().dialect.name == "postgresql":
        candidate = candidate.with_for_update(skip_locked=True).scalar_subquery()
    else:
        job_id = session.execute(candidate).scalar_one_or_none()
        if job_id is None:
            return None
        candidate = job_id
    row = session.execute(update(Job).where(Job.id == candidate).values(**values)
                          .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.max_attempts, Job.last_error,
                                     Job.traceparent, Job.tracestate)
                          .execution_options(synchronize_session=False)).one_or_none()
    if row is None:
        return None
    return LeasedJob(row.id, row.kind, dict(row.payload), row.attempts, row.max_attempts, token, row.last_error,
                     row.traceparent, row.tracestate)


def fence_done(session: Session, job: LeasedJob, now: datetime) -> None:
    """Mark the job done in the handler's transaction, only if this worker still holds the lease."""
    result = session.execute(update(Job).where(Job.id == job.id, Job.lease_token == job.token, Job.state == LEASED)
                             .values(state=DONE, finished_at=now, lease_token=None, leased_until=None))
    if result.rowcount != 1:
        raise LeaseLost(f"job {job.id} lease {job.token} is no longer held")


def extend_lease(session: Session, job: LeasedJob, now: datetime, lease_seconds: float) -> bool:
    """Hold the lease ``lease_seconds`` longer (a long job's heartbeat); False when it is no longer held."""
    result = session.execute(update(Job).where(Job.id == job.id, Job.lease_token == job.token, Job.state == LEASED)
                             .values(leased_until=now + timedelta(seconds=lease_seconds)))
    return result.rowcount == 1


def release_failed(session: Session, job: LeasedJob, now: datetime, error: str, backoff: timedelta,
                   final: bool = False) -> str:
    """After a handler error: requeue with back-off, or mark failed when attempts are used up (or ``final``);
    the state it is left in, None when the lease was lost meanwhile."""
    final = final or job.attempts >= job.max_attempts
    values = dict(state=FAILED if final else QUEUED, last_error=error[:4000], lease_token=None,
                  leased_until=None, run_at=now + backoff, finished_at=now if final else None)
    result = session.execute(update(Job).where(Job.id == job.id, Job.lease_token == job.token).values(**values))
    return values["state"] if result.rowcount == 1 else None


def release_unstarted(session: Session, job: LeasedJob, now: datetime) -> None:
    """Give a leased job back to the queue without counting the attempt (graceful shutdown)."""
    session.execute(update(Job).where(Job.id == job.id, Job.lease_token == job.token)
                    .values(state=QUEUED, lease_token=None, leased_until=None, attempts=Job.attempts - 1,
                            run_at=now))


def requeue_failed(session: Session, job_id: int, now: datetime) -> bool:
    """Queue a job that failed for good again, now, with its attempts and error history cleared."""
    result = session.execute(update(Job).where(Job.id == job_id, Job.state == FAILED)
                             .values(state=QUEUED, attempts=0, run_at=now, last_error=None, finished_at=None))
    return result.rowcount == 1
