"""Reading the event outbox after an id, for a live-update connection.

One indexed query per poll (primary key range, bounded batch, narrow columns: never the envelope). Outbox
ids are handed out when a row is written, not when its transaction commits, so a row may become visible
after a higher one. The cursor never moves past a missing id while its transaction may still commit:

- PostgreSQL: one poll after the gap is seen, a transaction id above every running one is taken (the poll's
  own); once every transaction up to it has ended (the snapshot's ``xmin`` passed it), a still-missing id was
  rolled back and is skipped;
- in any case, after ``grace`` seconds (SQLite has a single writer: its ids commit in order).

So ``Last-Event-ID`` resumes without losing anything committed, and a rolled-back write delays the stream by
about two polls on PostgreSQL.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from engine.runtime.events.live.topics import FeedEvent, Subscription, legacy_summary
from engine.store.models import OutboxEvent

COLUMNS = (OutboxEvent.seq, OutboxEvent.event_id, OutboxEvent.event_type, OutboxEvent.entity_type,
           OutboxEvent.entity_id, OutboxEvent.summary, OutboxEvent.created_at)
OLDEST_RUNNING = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
NEXT_XID = text("SELECT pg_current_xact_id()::text::bigint")  # above every transaction running now


@dataclass
class Cursor:
    """Where a connection is: every outbox id up to ``position`` was read or given up. ``gap_since`` is when
    (monotonic seconds) the id after ``position`` was first found missing while a later one was there;
    ``gap_xid`` (PostgreSQL) a transaction id above every transaction running a poll later."""

    position: int
    gap_since: float | None = None
    gap_xid: int | None = None


@dataclass(frozen=True)
class Batch:
    events: list[tuple[FeedEvent, list[str]]]
    full: bool
    """The batch limit was reached: more rows may be waiting, poll again at once."""


def head(session: Session) -> int:
    """The highest outbox id written so far (0 for an empty outbox)."""
    return session.scalar(select(func.max(OutboxEvent.seq))) or 0


def read(session: Session, cursor: Cursor, subscription: Subscription, *, now: float, grace: float,
         limit: int = 200) -> Batch:
    """The events after ``cursor`` that ``subscription`` follows, each with its topics; moves the cursor over
    every row read (matching or not), stopping at a gap whose transaction may still commit."""
    settled = _writers_ended(session, cursor)  # before reading: what they committed is in the rows below
    rows = session.execute(select(*COLUMNS).where(OutboxEvent.seq > cursor.position)
                           .order_by(OutboxEvent.seq).limit(limit)).all()
    matched = []
    for row in rows:
        if row.seq != cursor.position + 1 and not (settled or _gap_expired(cursor, now, grace)):
            return Batch(matched, False)
        settled = False
        cursor.position, cursor.gap_since, cursor.gap_xid = row.seq, None, None
        event = FeedEvent(row.seq, row.event_id, row.event_type, row.entity_type, row.entity_id,
                          row.summary or legacy_summary(row.entity_type, row.entity_id), row.created_at)
        if topics := subscription.topics_of(event):
            matched.append((event, topics))
    return Batch(matched, len(rows) == limit)


def _gap_expired(cursor: Cursor, now: float, grace: float) -> bool:
    if cursor.gap_since is None:
        cursor.gap_since = now
    return now - cursor.gap_since >= grace


def _writers_ended(session: Session, cursor: Cursor) -> bool:
    """PostgreSQL: whether every transaction that may have written the missing id has ended."""
    if cursor.gap_since is None or session.get_bind().dialect.name != "postgresql":
        return False
    if cursor.gap_xid is None:
        cursor.gap_xid = session.scalar(NEXT_XID)
        return False
    return session.scalar(OLDEST_RUNNING) > cursor.gap_xid
