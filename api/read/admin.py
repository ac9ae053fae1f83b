"""The admin screens: external systems (circuit breakers), the periodic jobs, and the service's health."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read import canonical
from engine.errors import NotFound
from engine.runtime.jobs import queue as jobs
from engine.store.models import HeldTask, Job, PeriodicJobStatus, SystemBreaker

BreakerState = Literal["closed", "open", "halfOpen"]


class SystemView(Model):
    system: str
    state: BreakerState
    forced_down: bool = Field(description="an operator marked it down (no probes until marked up)")
    failures: int
    threshold: int
    cool_down_seconds: int
    opened_at: Timestamp | None
    probe_task_id: str | None
    held_tasks: int = Field(description="tasks on hold until the system is back")
    updated_by: str
    updated_at: Timestamp


class SystemQuery(ListQuery):
    state: BreakerState | None = None
    sort: sort_by("system", "state", "updatedAt") | None = Field(None, description="default: system")


class ActivePackRef(Model):
    key: str
    version: int


class HealthStatus(Model):
    """What anyone may know: the service answers and reaches its database (ok) or not (down, with a 503)."""

    status: Literal["ok", "down"]


class PeriodicJobsSummary(Model):
    total: int = Field(description="the periodic jobs registered")
    unhealthy: list[str] = Field(description="the kinds whose last run failed")


class QueueDepth(Model):
    queued: int = Field(description="jobs waiting to run (due or scheduled later)")
    leased: int = Field(description="jobs a worker is running")
    failed: int = Field(description="jobs that failed for good")


class HealthView(Model):
    """The details, for process admins and the metrics token (ORDO_METRICS_TOKEN)."""

    status: Literal["ok"]
    database: str = Field(description="the database dialect (postgresql, sqlite)")
    active_pack: ActivePackRef | None
    periodic_jobs: PeriodicJobsSummary
    queue: QueueDepth = Field(description="background jobs by state")


class PeriodicJobError(Model):
    message: str
    at: Timestamp | None


class PeriodicJobView(Model):
    kind: str
    every_seconds: float
    healthy: bool = Field(description="its last run succeeded (or it never ran)")
    last_run_at: Timestamp | None
    last_success_at: Timestamp | None
    last_error: PeriodicJobError | None
    consecutive_failures: int
    failed_items: list[dict[str, Any]] = Field(description="the items (orders) its last run failed on")


class PeriodicJobQuery(ListQuery):
    sort: sort_by("kind") | None = None


SYSTEM_SORTS = {"system": SystemBreaker.system, "state": SystemBreaker.state,
                "updatedAt": SystemBreaker.updated_at}


def system_view(row: SystemBreaker, held: int) -> SystemView:
    return SystemView(system=row.system, state=row.state, forced_down=row.forced_down, failures=row.failures,
                      threshold=row.threshold, cool_down_seconds=row.cool_down_seconds, opened_at=row.opened_at,
                      probe_task_id=row.probe_task_id, held_tasks=held, updated_by=row.updated_by,
                      updated_at=row.updated_at)


def held_count(session: Session, system: str) -> int:
    return session.scalar(select(func.count()).select_from(HeldTask).where(HeldTask.system == system))


def system_page(session: Session, query: SystemQuery) -> Page[SystemView]:
    """A page of breakers with the number of tasks each holds (counted for the page's systems only)."""
    where = [SystemBreaker.state == query.state] if query.state else []
    column = SYSTEM_SORTS[query.sort_key or "system"]
    rows = session.execute(select(SystemBreaker).where(*where)
                           .order_by(query.ordered(column), SystemBreaker.system)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    held = dict(session.execute(select(HeldTask.system, func.count()).where(
        HeldTask.system.in_([r.system for r in rows])).group_by(HeldTask.system)).all())
    total = session.scalar(select(func.count()).select_from(SystemBreaker).where(*where))
    return Page([system_view(r, held.get(r.system, 0)) for r in rows], total)


def system_detail(session: Session, key: str) -> SystemView:
    row = session.get(SystemBreaker, key)
    if row is None:
        raise NotFound(f"no breaker for system {key!r}")
    return system_view(row, held_count(session, key))


def job_view(kind: str, every: timedelta, row: PeriodicJobStatus | None) -> PeriodicJobView:
    failures = row.consecutive_failures if row else 0
    return PeriodicJobView(
        kind=kind, every_seconds=every.total_seconds(), healthy=failures == 0,
        last_run_at=row.last_run_at if row else None, last_success_at=row.last_success_at if row else None,
        last_error=PeriodicJobError(message=row.last_error, at=row.last_error_at) if row and row.last_error else None,
        consecutive_failures=failures, failed_items=canonical(list(row.failed_items or [])) if row else [])


def job_page(session: Session, query: PeriodicJobQuery, kinds: dict[str, timedelta]) -> Page[PeriodicJobView]:
    """Every registered periodic job (``kind -> every``) with its status (never run: all empty)."""
    rows = {row.kind: row for row in session.execute(select(PeriodicJobStatus)).scalars()}
    jobs = [job_view(kind, every, rows.get(kind)) for kind, every in sorted(kinds.items(), reverse=query.descending)]
    return Page(jobs[query.offset:query.offset + query.limit], len(jobs))


def periodic_summary(session: Session, kinds: dict[str, timedelta]) -> PeriodicJobsSummary:
    """How many periodic jobs are registered and which of them failed their last run."""
    failing = set(session.execute(select(PeriodicJobStatus.kind).where(
        PeriodicJobStatus.consecutive_failures > 0)).scalars())
    return PeriodicJobsSummary(total=len(kinds), unhealthy=sorted(failing & set(kinds)))


def queue_depth(session: Session) -> QueueDepth:
    """Background jobs not done, by state (one grouped count)."""
    counts = dict(session.execute(select(Job.state, func.count()).where(
        Job.state.in_((jobs.QUEUED, jobs.LEASED, jobs.FAILED))).group_by(Job.state)).all())
    return QueueDepth(queued=counts.get(jobs.QUEUED, 0), leased=counts.get(jobs.LEASED, 0),
                      failed=counts.get(jobs.FAILED, 0))
