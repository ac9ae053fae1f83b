"""Jeopardy alerts for people: list them with filters, acknowledge one, and their JSON shape."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.errors import Conflict, NotFound
from engine.runtime.context import UnitOfWork
from engine.store.models import CustomerOrder, JeopardyAlert

FILTERS = {"orderId": JeopardyAlert.order_id, "taskId": JeopardyAlert.task_id, "level": JeopardyAlert.level,
           "scope": JeopardyAlert.scope, "group": JeopardyAlert.assignment_group,
           "escalatedTo": JeopardyAlert.escalated_to}


def list_alerts(session: Session, filters: dict, acknowledged: bool | None, offset: int, limit: int,
                conditions: tuple = ()) -> tuple[int, list[JeopardyAlert]]:
    """Alerts newest first: equality ``filters`` (keys of ``FILTERS``), acknowledged or not, extra conditions."""
    where = [FILTERS[name] == value for name, value in filters.items() if value is not None] + list(conditions)
    if acknowledged is not None:
        where.append(JeopardyAlert.acknowledged_at.is_not(None) if acknowledged
                     else JeopardyAlert.acknowledged_at.is_(None))
    query = select(JeopardyAlert).join(CustomerOrder, CustomerOrder.id == JeopardyAlert.order_id).where(*where)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(query.order_by(JeopardyAlert.created_at.desc(), JeopardyAlert.id)
                           .offset(offset).limit(limit)).scalars().all()
    return total, list(rows)


def acknowledge(uow: UnitOfWork, alert_id: str, comment: str | None = None) -> JeopardyAlert:
    """Mark an alert as seen by the caller (once); audited with the comment."""
    alert = uow.session.get(JeopardyAlert, alert_id, with_for_update=True)
    if alert is None:
        raise NotFound(f"no jeopardy alert with id {alert_id}")
    if alert.acknowledged_at is not None:
        raise Conflict(f"jeopardy alert {alert_id} was already acknowledged by {alert.acknowledged_by}",
                       acknowledgedBy=alert.acknowledged_by)
    alert.acknowledged_by, alert.acknowledged_at = uow.actor, uow.now
    uow.audit("jeopardy.acknowledged", "jeopardyAlert", alert.id, {"orderId": alert.order_id, "comment": comment})
    return alert


def open_escalations(session: Session, order_ids: list[str]) -> dict[str, list[str]]:
    """Per order, the groups its unacknowledged alerts were escalated to."""
    found: dict[str, list[str]] = {}
    rows = session.execute(select(JeopardyAlert.order_id, JeopardyAlert.escalated_to).where(
        JeopardyAlert.order_id.in_(order_ids), JeopardyAlert.escalated_to.is_not(None),
        JeopardyAlert.acknowledged_at.is_(None)).order_by(JeopardyAlert.created_at))
    for order_id, group in rows:
        found.setdefault(order_id, [])
        if group not in found[order_id]:
            found[order_id].append(group)
    return found


def serialize(alert: JeopardyAlert) -> dict:
    return {"id": alert.id, "orderId": alert.order_id, "taskId": alert.task_id, "scope": alert.scope,
            "level": alert.level, "previousLevel": alert.previous_level, "percentOfSla": alert.percent,
            "assignmentGroup": alert.assignment_group, "escalatedTo": alert.escalated_to, "reason": alert.reason,
            "actions": alert.actions, "eventId": alert.event_id, "createdAt": iso(alert.created_at),
            "acknowledgedBy": alert.acknowledged_by, "acknowledgedAt": iso(alert.acknowledged_at)}
