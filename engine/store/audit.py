"""The hash-chained audit log: append inside the caller's transaction, verify the whole chain."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.store import commit_buffer
from engine.store.models import AuditEvent, AuditHead
from engine.store.types import canonical_json

GENESIS = "0" * 64


def entry_hash(prev_hash: str, at: datetime, actor: str, action: str, entity_type: str, entity_id: str,
               data: dict) -> str:
    """sha256 over the previous hash and the canonical JSON of the entry."""
    body = canonical_json({"prev": prev_hash, "at": iso(at), "actor": actor, "action": action,
                           "entityType": entity_type, "entityId": entity_id, "data": data})
    return hashlib.sha256(body.encode()).hexdigest()


def append(session: Session, *, at: datetime, actor: str, action: str, entity_type: str, entity_id: str,
           data: dict | None = None) -> None:
    """Append one audit entry to the current transaction; it is chained and written when the transaction commits.

    Entries wait in the transaction's commit buffer (``engine.store.commit_buffer``) and a rollback, or the
    rollback of the savepoint they were appended in, drops them. At commit the chain's head row is locked, the
    entries are hashed onto it in order and written in one multi-row INSERT, and the head moves on: the head is
    held only for those statements and the COMMIT, so concurrent writers do not queue behind each other's work,
    and the chain cannot fork (entry ids are taken under the lock, so id order is chain order).
    """
    commit_buffer.add(session, "audit", {"at": at, "actor": actor, "action": action, "entity_type": entity_type,
                                         "entity_id": str(entity_id), "data": data or {}})


def pending(session: Session) -> list[dict]:
    """The audit entries appended in the current transaction and not yet written (without their hashes)."""
    return commit_buffer.pending(session, "audit")


def _write_chained(session: Session, entries: list[dict]) -> None:
    head = session.execute(select(AuditHead.last_hash).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        session.execute(insert(AuditHead).values(id=1, last_event_id=None, last_hash=GENESIS))
        head = GENESIS
    last_hash = head
    for entry in entries:
        entry["prev_hash"] = last_hash
        entry["hash"] = last_hash = entry_hash(last_hash, entry["at"], entry["actor"], entry["action"],
                                               entry["entity_type"], entry["entity_id"], entry["data"])
    session.execute(insert(AuditEvent.__table__), entries)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=last_hash))


commit_buffer.register("audit", _write_chained, order=100)


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
