"""Reading the event outbox after an id, for a live-update connection.

One indexed query per poll (primary key range, bounded batch, narrow columns: never the envelope). Outbox
ids are handed out when a row is written, not when its transaction commits, so a row may become visible
after a higher one: on PostgreSQL a missing id after the cursor is waited for up to ``grace`` seconds (its
transaction may still commit) before the cursor moves past it (a rolled-back write leaves a permanent gap).
The cursor therefore only moves forward over ids that were read or given up, and ``Last-Event-ID`` resumes
without loss of anything committed within the grace.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.runtime.live.topics import FeedEvent, Subscription, legacy_summary
from engine.store.models import OutboxEvent

COLUMNS = (OutboxEvent.seq, OutboxEvent.event_id, OutboxEvent.event_type, OutboxEvent.entity_type,
           OutboxEvent.entity_id, OutboxEvent.summary, OutboxEvent.created_at)


@dataclass
class Cursor:
    """Where a connection is: every outbox id up to ``position`` was read or given up. ``gap_since`` is when
    (monotonic seconds) the id after ``position`` was first found missing while a later one was there."""

    position: int
    gap_since: float | None = None


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
    every row read (matching or not), stopping at a gap younger than ``grace`` seconds."""
    rows = session.execute(select(*COLUMNS).where(OutboxEvent.seq > cursor.position)
                           .order_by(OutboxEvent.seq).limit(limit)).all()
    matched = []
    for row in rows:
        if row.seq != cursor.position + 1 and not _gap_expired(cursor, now, grace):
            return Batch(matched, False)
        cursor.position, cursor.gap_since = row.seq, None
        event = FeedEvent(row.seq, row.event_id, row.event_type, row.entity_type, row.entity_id,
                          row.summary or legacy_summary(row.entity_type, row.entity_id), row.created_at)
        if topics := subscription.topics_of(event):
            matched.append((event, topics))
    return Batch(matched, len(rows) == limit)


def _gap_expired(cursor: Cursor, now: float, grace: float) -> bool:
    if cursor.gap_since is None:
        cursor.gap_since = now
    return now - cursor.gap_since >= grace
