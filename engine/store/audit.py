"""The hash-chained audit log: append inside the caller's transaction, verify the whole chain."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.store.models import AuditEvent, AuditHead
from engine.store.types import canonical_json

GENESIS = "0" * 64


def entry_hash(prev_hash: str, at: datetime, actor: str, action: str, entity_type: str, entity_id: str,
               data: dict) -> str:
    """sha256 over the previous hash and the canonical JSON of the entry."""
    body = canonical_json({"prev": prev_hash, "at": iso(at), "actor": actor, "action": action,
                           "entityType": entity_type, "entityId": entity_id, "data": data})
    return hashlib.sha256(body.encode()).hexdigest()


def _locked_head(session: Session) -> AuditHead:
    """The chain head, locked once per transaction (the lock is held until commit)."""
    transaction = session.get_transaction()
    cached = session.info.get("audit_head")
    if cached is not None and cached[0] is transaction:
        return cached[1]
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_event_id=None, last_hash=GENESIS)
        session.add(head)
        session.flush()
    session.info["audit_head"] = (transaction, head)
    return head


def append(session: Session, *, at: datetime, actor: str, action: str, entity_type: str, entity_id: str,
           data: dict | None = None) -> None:
    """Append one audit entry to the current transaction, chained to the previous one.

    Entries are buffered and written in one multi-row INSERT just before the transaction commits (the
    head row stays locked meanwhile, so the chain cannot fork); a rollback drops them with everything else.
    """
    data = data or {}
    head = _locked_head(session)
    digest = entry_hash(head.last_hash, at, actor, action, entity_type, str(entity_id), data)
    _buffer(session).append({"at": at, "actor": actor, "action": action, "entity_type": entity_type,
                             "entity_id": str(entity_id), "data": data, "prev_hash": head.last_hash,
                             "hash": digest})
    head.last_hash = digest


def _buffer(session: Session) -> list[dict]:
    transaction = session.get_transaction()
    held = session.info.get("audit_buffer")
    if held is None or held[0] is not transaction:
        held = (transaction, [])
        session.info["audit_buffer"] = held
    return held[1]


@event.listens_for(Session, "before_commit")
def _write_buffered_entries(session: Session) -> None:
    held = session.info.pop("audit_buffer", None)
    if held and held[1]:
        session.execute(insert(AuditEvent), held[1])


@event.listens_for(Session, "after_rollback")
def _drop_buffered_entries(session: Session) -> None:
    session.info.pop("audit_buffer", None)


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify(session: Session, batch: int = 5000) -> ChainBreak | None:
    """Walk the chain in id order; return the first entry whose link or content does not match."""
    prev_hash, last_id = GENESIS, 0
    while True:
        rows = session.execute(select(AuditEvent).where(AuditEvent.id > last_id)
                               .order_by(AuditEvent.id).limit(batch)).scalars().all()
        if not rows:
            break
        for entry in rows:
            if entry.prev_hash != prev_hash:
                return ChainBreak(entry.id, "link to the previous entry does not match")
            expected = entry_hash(prev_hash, entry.at, entry.actor, entry.action, entry.entity_type,
                                  entry.entity_id, entry.data)
            if entry.hash != expected:
                return ChainBreak(entry.id, "content does not match its hash")
            prev_hash, last_id = entry.hash, entry.id
    head = session.get(AuditHead, 1)
    if head is not None and head.last_hash != prev_hash:
        return ChainBreak(last_id, "entries after this one were removed")
    return None
