"""Finding audit entries: by entity, actor and action, and everything that happened to one order."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from engine.store.models import (
    Approval,
    AuditEvent,
    CancelRequest,
    DomainOrder,
    FalloutRecord,
    JeopardyAlert,
    Task,
)

ORDER_PARTS = (("task", Task), ("fallout", FalloutRecord), ("domainOrder", DomainOrder), ("approval", Approval),
               ("cancelProductOrder", CancelRequest), ("jeopardyAlert", JeopardyAlert))
"""Entity types audited under their own id that belong to one order (through their order_id)."""


@dataclass(frozen=True)
class AuditFilter:
    entity_type: str | None = None
    entity_id: str | None = None
    actor: str | None = None
    action: str | None = None
    order_id: str | None = None


def order_condition(order_id: str) -> ColumnElement[bool]:
    """Entries of the order itself, of its tasks, fallout, domain orders, approvals, cancellations and jeopardy
    alerts, and any other entry whose data names the order (``orderId``)."""
    parts = [and_(AuditEvent.entity_type == entity_type,
                  AuditEvent.entity_id.in_(select(model.id).where(model.order_id == order_id)))
             for entity_type, model in ORDER_PARTS]
    return or_(and_(AuditEvent.entity_type == "productOrder", AuditEvent.entity_id == order_id), *parts,
               AuditEvent.data["orderId"].as_string() == order_id)


def conditions(chosen: AuditFilter) -> list[ColumnElement[bool]]:
    found = [column == value for column, value in (
        (AuditEvent.entity_type, chosen.entity_type), (AuditEvent.entity_id, chosen.entity_id),
        (AuditEvent.actor, chosen.actor), (AuditEvent.action, chosen.action)) if value is not None]
    return found + ([order_condition(chosen.order_id)] if chosen.order_id is not None else [])


def find_events(session: Session, chosen: AuditFilter, offset: int = 0, limit: int = 50) \
        -> tuple[int, list[AuditEvent]]:
    """How many entries match, and a page of them, newest first."""
    where = conditions(chosen)
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*where))
    events = session.execute(select(AuditEvent).where(*where).order_by(AuditEvent.id.desc())
                             .offset(offset).limit(limit)).scalars().all()
    return total, list(events)
