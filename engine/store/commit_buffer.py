"""Rows a transaction writes once, just before it commits: one multi-row INSERT per kind of row.

Hot paths (trace entries, event outbox rows, audit entries) add plain dicts here instead of flushing an ORM
object per row (rows may also be added while the session flushes). When the session's outermost transaction
commits, the session is flushed (so the rows' parents exist), then each kind's writer gets all its rows at once, in the order the writers were registered
(the audit chain last, so its head row is locked only for the few statements before COMMIT).

Savepoints are honoured: rows added inside a savepoint that rolls back are dropped with it; a savepoint that is
released keeps its rows for the enclosing transaction. A rolled-back transaction writes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

Writer = Callable[[Session, list[dict]], None]
_writers: dict[str, tuple[int, Writer]] = {}
_KEY = "ordo_commit_buffer"


@dataclass
class _Buffer:
    transaction: SessionTransaction
    rows: dict[str, list[tuple[SessionTransaction | None, dict]]] = field(default_factory=dict)


def register(kind: str, writer: Writer, *, order: int = 0) -> None:
    """Declare a kind of buffered row and the function that writes a transaction's rows of it (in one go);
    writers run by ascending ``order``."""
    _writers[kind] = (order, writer)


def add(session: Session, kind: str, row: dict) -> None:
    """Buffer one row of ``kind`` in the session's current transaction (and savepoint, if any)."""
    if kind not in _writers:
        raise LookupError(f"no writer registered for buffered rows of kind {kind!r}")
    _buffer(session).rows.setdefault(kind, []).append((session.get_nested_transaction(), row))


def pending(session: Session, kind: str) -> list[dict]:
    """The rows of ``kind`` buffered in the current transaction and not yet written."""
    held = session.info.get(_KEY)
    if held is None or held.transaction is not session.get_transaction():
        return []
    return [row for _savepoint, row in held.rows.get(kind, [])]


def _buffer(session: Session) -> _Buffer:
    root = session.get_transaction()
    held = session.info.get(_KEY)
    if held is None or held.transaction is not root:
        held = _Buffer(root)
        session.info[_KEY] = held
    return held


def _within(savepoint: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while savepoint is not None:
        if savepoint is ended:
            return True
        savepoint = savepoint.parent
    return False


@event.listens_for(Session, "before_commit")
def _write(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return
    session.flush()
    held = session.info.pop(_KEY, None)
    if held is None or held.transaction is not session.get_transaction():
        return
    for kind, (_order, writer) in sorted(_writers.items(), key=lambda item: item[1][0]):
        rows = held.rows.get(kind)
        if rows:
            writer(session, [row for _savepoint, row in rows])


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous: SessionTransaction) -> None:
    held = session.info.get(_KEY)
    if held is None:
        return
    if not previous.nested or held.transaction is previous:
        session.info.pop(_KEY, None)
        return
    for kind, rows in held.rows.items():
        held.rows[kind] = [(savepoint, row) for savepoint, row in rows if not _within(savepoint, previous)]
