"""The hash-chained audit log: append inside the caller's transaction, verify the whole chain."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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
           data: dict | None = None) -> AuditEvent:
    """Append one audit entry in the current transaction, chained to the previous one."""
    data = data or {}
    head = _locked_head(session)
    digest = entry_hash(head.last_hash, at, actor, action, entity_type, str(entity_id), data)
    event = AuditEvent(at=at, actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id),
                       data=data, prev_hash=head.last_hash, hash=digest)
    session.add(event)
    head.last_hash = digest
    return event


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
        for event in rows:
            if event.prev_hash != prev_hash:
                return ChainBreak(event.id, "link to the previous entry does not match")
            expected = entry_hash(prev_hash, event.at, event.actor, event.action, event.entity_type,
                                  event.entity_id, event.data)
            if event.hash != expected:
                return ChainBreak(event.id, "content does not match its hash")
            prev_hash, last_id = event.hash, event.id
    head = session.get(AuditHead, 1)
    if head is not None and head.last_hash != prev_hash:
        return ChainBreak(last_id, "entries after this one were removed")
    return None
