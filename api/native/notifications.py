"""Notifications API: the workspace inbox of the notifications the rules addressed to the caller's groups.

A caller sees what is addressed to one of their groups (``engine.runtime.events.notifications.visible_groups``:
today their role; managers see all) or to them by name, and marks it read. Customers hold neither
permission (403). Without authentication (development) every notification is visible.
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, request
from sqlalchemy import func, select

from api.auth.identity import current_user
from api.errors import ApiError
from api.paging import paging
from api.permissions import actor, requires
from api.runtime import runtime
from engine.runtime.events import notifications
from engine.store.models import Notification

bp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications")
UNREAD = {"true": True, "false": False}


def _caller():
    user = current_user()
    return user if user is not None else SimpleNamespace(username=actor(), role="fulfillmentManager")


@bp.get("")
@requires("notification.read")
def list_notifications():
    """The notifications addressed to the caller's groups (or to them), newest first."""
    offset, limit = paging()
    conditions = _filters()
    with runtime().reading() as session:
        conditions.append(notifications.visible_to(session, _caller()))
        total = session.scalar(select(func.count()).select_from(Notification).where(*conditions))
        rows = session.execute(select(Notification).where(*conditions)
                               .order_by(Notification.created_at.desc(), Notification.id)
                               .offset(offset).limit(limit)).scalars().all()
        return {"total": total, "notifications": [notifications.serialize(n) for n in rows]}


def _filters() -> list:
    conditions = []
    unread = request.args.get("unread")
    if unread is not None:
        if unread not in UNREAD:
            raise ApiError(400, "Bad Request", "unread must be true or false")
        conditions.append(Notification.read_at.is_(None) if UNREAD[unread] else Notification.read_at.is_not(None))
    for name, column in (("group", Notification.group_key), ("orderId", Notification.order_id),
                         ("state", Notification.state)):
        if name in request.args:
            conditions.append(column == request.args[name])
    return conditions


@bp.post("/<notification_id>/read")
@requires("notification.ack")
def mark_read(notification_id: str):
    """Mark a notification addressed to the caller's groups read (404 for one they cannot see)."""
    with runtime().unit_of_work(actor()) as uow:
        return notifications.serialize(notifications.mark_read(uow, notification_id, _caller()))
