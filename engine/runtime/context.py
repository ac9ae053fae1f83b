"""What a unit of work needs: one transaction, the time, the actor, and ways to audit and enqueue."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.runtime.jobs import queue as jobs
from engine.store import audit, changes


@dataclass
class UnitOfWork:
    """A state change in progress: everything written here commits (or rolls back) together."""

    session: Session
    now: datetime
    actor: str

    def __post_init__(self) -> None:
        changes.mark(self.session, self.now)

    def audit(self, action: str, entity_type: str, entity_id: str, data: dict | None = None) -> None:
        audit.append(self.session, at=self.now, actor=self.actor, action=action, entity_type=entity_type,
                     entity_id=entity_id, data=data)

    def enqueue(self, kind: str, payload: dict, *, key: str | None = None, run_at: datetime | None = None) -> None:
        jobs.enqueue(self.session, kind, payload, now=self.now, run_at=run_at, key=key)
