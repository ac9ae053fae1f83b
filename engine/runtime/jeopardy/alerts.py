"""Jeopardy alerts for people: acknowledge one, and the groups open alerts were escalated to."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Conflict, NotFound
from engine.runtime.context import UnitOfWork
from engine.store.models import JeopardyAlert


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
