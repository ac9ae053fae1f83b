"""Notifications API: the workspace inbox of the notifications the rules addressed to the caller's groups.

A caller sees what is addressed to one of their groups (``engine.runtime.events.notifications.visible_groups``:
today their role; managers see all) or to them by name, and marks it read. Customers hold neither
permission (403). Without authentication (development) every notification is visible.
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint

from api.auth.identity import current_user
from api.contract import Page, endpoint
from api.permissions import actor, requires
from api.read.notifications import NotificationQuery, NotificationView, notification_page, notification_view
from api.runtime import runtime
from engine.runtime.events import notifications

bp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications")


def _caller():
    user = current_user()
    return user if user is not None else SimpleNamespace(username=actor(), role="fulfillmentManager")


@bp.get("")
@requires("notification.read")
@endpoint(query=NotificationQuery, response=list[NotificationView], paged=True)
def list_notifications(query: NotificationQuery) -> Page[NotificationView]:
    """The notifications addressed to the caller's groups (or to them), newest first."""
    with runtime().reading() as session:
        return notification_page(session, query, _caller())


@bp.post("/<notification_id>/read")
@requires("notification.ack")
@endpoint(response=NotificationView)
def mark_read(notification_id: str) -> NotificationView:
    """Mark a notification addressed to the caller's groups read (404 for one they cannot see)."""
    with runtime().unit_of_work(actor()) as uow:
        return notification_view(notifications.mark_read(uow, notification_id, _caller()))
