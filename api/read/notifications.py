"""The notifications inbox: what the rules addressed to the caller's groups (or to them), newest first."""
from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.runtime.events import notifications
from engine.store.models import Notification


class NotificationView(Model):
    id: str
    group: str | None = Field(description="the group key (assignment group or role) it is addressed to")
    user: str | None
    address: str | None = Field(description="the e-mail address it is addressed to")
    subject: str
    body: str
    source: dict[str, Any] = Field(description="where it came from: type, orderId, taskId, rule, ...")
    order_id: str | None
    state: str = Field(description="created, delivered or failed")
    channels: dict[str, Any] = Field(description="how each channel (webhook, email) fared")
    created_at: Timestamp
    delivered_at: Timestamp | None
    read_by: str | None
    read_at: Timestamp | None


class NotificationQuery(ListQuery):
    sort: sort_by("createdAt") | None = Field(None, description="default: newest first")
    unread: bool | None = Field(None, description="true: not read yet; false: read")
    group: str | None = None
    order_id: str | None = None
    state: str | None = None


def notification_view(notification: Notification) -> NotificationView:
    return NotificationView(
        id=notification.id, group=notification.group_key, user=notification.username,
        address=notification.address, subject=notification.subject, body=notification.body,
        source=notification.source or {}, order_id=notification.order_id, state=notification.state,
        channels=notification.channels or {}, created_at=notification.created_at,
        delivered_at=notification.delivered_at, read_by=notification.read_by, read_at=notification.read_at)


def _conditions(query: NotificationQuery) -> list:
    conditions = [column == value for column, value in ((Notification.group_key, query.group),
                                                         (Notification.order_id, query.order_id),
                                                         (Notification.state, query.state)) if value is not None]
    if query.unread is not None:
        conditions.append(Notification.read_at.is_(None) if query.unread else Notification.read_at.is_not(None))
    return conditions


def notification_page(session: Session, query: NotificationQuery, user) -> Page[NotificationView]:
    """The notifications ``user`` may see that match the query."""
    conditions = [*_conditions(query), notifications.visible_to(session, user)]
    total = session.scalar(select(func.count()).select_from(Notification).where(*conditions))
    newest_first = query.sort is None or query.descending
    order = (Notification.created_at.desc(), Notification.id) if newest_first else (Notification.created_at,
                                                                                     Notification.id)
    rows = session.execute(select(Notification).where(*conditions).order_by(*order)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    return Page([notification_view(n) for n in rows], total)
