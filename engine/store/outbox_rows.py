"""Event outbox rows, buffered in the transaction (``engine.store.commit_buffer``) and written in one INSERT."""
from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from engine import tracing
from engine.store import commit_buffer
from engine.store.models import OutboxEvent

OUTBOX = "event_outbox"


def add(session: Session, row: dict) -> None:
    """Buffer one outbox row (event_id, event_type, entity_type, entity_id, envelope, summary, created_at), with
    the trace context it is created in (``engine.tracing``: its webhook calls continue that trace)."""
    commit_buffer.add(session, OUTBOX, {**row, **tracing.carrier()})


def _write(session: Session, rows: list[dict]) -> None:
    session.execute(insert(OutboxEvent.__table__), rows)


commit_buffer.register(OUTBOX, _write)
