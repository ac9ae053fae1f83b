"""Periodic jobs (scans such as jeopardy and the watchdog) on the ordinary job queue.

A periodic kind runs once per time slot of ``every``: each run queues the next slot's job, keyed
``kind@slot``, so several workers (or a worker restarted many times) never queue a slot twice. A
worker calls ``ensure_scheduled`` when it starts, which queues the next slot of every kind that has
none yet; tests drive the same jobs with a fake clock.

The built-in scans and how often they run are declared here (``BUILT_IN``), so the schedule is known
without importing the scans; their handlers register with ``periodic`` (``engine.runtime.jobs.builtin``).

A run never ends the chain of slots: a scan that raises is recorded as a failed run (and logged at
error level) by the worker, which queues the next slot in the same transaction instead of retrying; a
scan whose loop over orders meets one bad order reports it with ``item_failed`` and goes on with the
others. Each run's outcome is kept in ``periodic_job_status`` (``engine.runtime.jobs.periodic_status``).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from engine.runtime.context import UnitOfWork
from engine.runtime.jobs import periodic_status
from engine.runtime.jobs import queue as jobs
from engine.runtime.jobs.registry import job_handler

Scan = Callable[[UnitOfWork], None]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
JEOPARDY_SCAN, WATCHDOG_SCAN = "jeopardy.scan", "watchdog.scan"
BUILT_IN = {JEOPARDY_SCAN: timedelta(minutes=1), WATCHDOG_SCAN: timedelta(minutes=1)}
PERIODIC: dict[str, timedelta] = dict(BUILT_IN)
ITEM_FAILURES = "periodic_item_failures"
log = logging.getLogger("ordo.periodic")


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


def periodic(kind: str, every: timedelta | None = None) -> Callable[[Scan], Scan]:
    """Register ``scan(uow)`` as the job ``kind``, run once per ``every`` (a built-in kind's by default) and
    re-queued by itself."""
    def register(scan: Scan) -> Scan:
        PERIODIC[kind] = every or BUILT_IN[kind]

        def run(uow: UnitOfWork, payload: dict) -> None:
            uow.session.info[ITEM_FAILURES] = []
            scan(uow)
            failed = uow.session.info.pop(ITEM_FAILURES, [])
            periodic_status.record_run(uow.session, kind, uow.now, failed)
            schedule_next(uow.session, kind, uow.now)

        job_handler(kind)(run)
        return scan
    return register


def is_periodic(kind: str) -> bool:
    return kind in PERIODIC


def item_failed(uow: UnitOfWork, subject: str, error: Exception) -> None:
    """One item of a periodic scan (e.g. ``order <id>``) failed: log it at error level, count it in the
    run's status, and let the scan go on with the other items."""
    log.error("periodic scan: %s failed: %s", subject, error, exc_info=error)
    uow.session.info.setdefault(ITEM_FAILURES, []).append(
        {"subject": subject, "error": f"{type(error).__name__}: {error}"})


def run_failed(session: Session, kind: str, now: datetime, error: str) -> None:
    """A run of ``kind`` raised (its own transaction was rolled back): record it and queue the next slot."""
    log.error("periodic job %s failed: %s", kind, error)
    periodic_status.record_failure(session, kind, now, error)
    schedule_next(session, kind, now)


def ensure_scheduled(session: Session, now: datetime) -> list[str]:
    """Queue the next slot of every registered periodic kind; returns the kinds."""
    for kind in PERIODIC:
        schedule_next(session, kind, now)
    return sorted(PERIODIC)


def registered() -> dict[str, timedelta]:
    """Every periodic kind and how often it runs."""
    return dict(PERIODIC)
