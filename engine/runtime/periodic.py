"""Periodic jobs (scans such as jeopardy and the watchdog) on the ordinary job queue.

A periodic kind runs once per time slot of ``every``: each run queues the next slot's job, keyed
``kind@slot``, so several workers (or a worker restarted many times) never queue a slot twice. A
worker calls ``ensure_scheduled`` when it starts, which queues the next slot of every kind that has
none yet; tests drive the same jobs with a fake clock.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from engine.runtime import jobs
from engine.runtime.context import UnitOfWork
from engine.runtime.registry import job_handler

Scan = Callable[[UnitOfWork], None]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PERIODIC: dict[str, timedelta] = {}


def next_slot(now: datetime, every: timedelta) -> datetime:
    """The start of the slot after the one ``now`` is in."""
    slots = (now - EPOCH) // every
    return EPOCH + (slots + 1) * every


def slot_key(kind: str, at: datetime) -> str:
    return f"{kind}@{at.astimezone(UTC).isoformat()}"


def schedule_next(session: Session, kind: str, now: datetime) -> None:
    """Queue ``kind`` for the slot after ``now`` (a no-op when that slot is already queued)."""
    at = next_slot(now, PERIODIC[kind])
    jobs.enqueue(session, kind, {"slot": at.isoformat()}, now=now, run_at=at, key=slot_key(kind, at))


def periodic(kind: str, every: timedelta) -> Callable[[Scan], Scan]:
    """Register ``scan(uow)`` as the job ``kind``, run once per ``every`` and re-queued by itself."""
    def register(scan: Scan) -> Scan:
        PERIODIC[kind] = every

        def run(uow: UnitOfWork, payload: dict) -> None:
            scan(uow)
            schedule_next(uow.session, kind, uow.now)

        job_handler(kind)(run)
        return scan
    return register


def ensure_scheduled(session: Session, now: datetime) -> list[str]:
    """Queue the next slot of every registered periodic kind; returns the kinds."""
    import engine.runtime.handlers  # noqa: F401  (registers the built-in periodic scans)

    for kind in PERIODIC:
        schedule_next(session, kind, now)
    return sorted(PERIODIC)
