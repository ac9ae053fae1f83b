"""How each periodic job fares, so a job that keeps failing is never silent.

A run succeeds when its scan raised nothing and no item (order) failed; otherwise the run counts as a
failure: ``consecutive_failures`` goes up, ``last_error`` says why (and ``failed_items`` which items of
the last run failed while the others went on). The next success resets the count. A failed run is
recorded in a transaction of its own, as the scan's transaction was rolled back.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engine.store.models import PeriodicJobStatus

MAX_ITEMS = 20


def status_row(session: Session, kind: str) -> PeriodicJobStatus:
    """The status row of ``kind``, created when absent (concurrent creators settle on one row)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(PeriodicJobStatus).values(kind=kind, consecutive_failures=0, failed_items=[])
                    .on_conflict_do_nothing(index_elements=["kind"]))
    return session.execute(select(PeriodicJobStatus).where(PeriodicJobStatus.kind == kind)
                           .with_for_update()).scalar_one()


def record_run(session: Session, kind: str, now: datetime, failed_items: list[dict]) -> PeriodicJobStatus:
    """A run that finished: a success, or a failure when some of its items failed."""
    row = status_row(session, kind)
    row.last_run_at = now
    row.failed_items = failed_items[:MAX_ITEMS]
    if not failed_items:
        row.last_success_at, row.consecutive_failures = now, 0
        return row
    first = failed_items[0]
    more = f" (and {len(failed_items) - 1} more)" if len(failed_items) > 1 else ""
    _failed(row, now, f"{first['subject']}: {first['error']}{more}")
    return row


def record_failure(session: Session, kind: str, now: datetime, error: str) -> PeriodicJobStatus:
    """A run whose scan raised: nothing it did was kept."""
    row = status_row(session, kind)
    row.last_run_at, row.failed_items = now, []
    _failed(row, now, error)
    return row


def _failed(row: PeriodicJobStatus, now: datetime, error: str) -> None:
    row.last_error, row.last_error_at = error[:4000], now
    row.consecutive_failures = (row.consecutive_failures or 0) + 1
