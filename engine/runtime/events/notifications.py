"""Notifications: messages to people that the rules decide (fallout and jeopardy ``notify``, ``escalate``).

A notification is written in the transaction of the decision, addressed to a group key (an assignment
group or a role), a user or an e-mail address, with where it came from (order, task, fallout record or
jeopardy alert, rule). Channels then deliver it, each with retries and back-off:

- webhook: a ``NotificationCreateEvent`` through the event outbox to every hub listener whose query matches,
  signed like every event (``engine.runtime.events.outbox``, delivered by the ``event.deliver`` job);
- e-mail: through SMTP when ``ORDO_SMTP_HOST`` is set (``engine.runtime.events.mail``, ``notification.email`` job);
- the workspace inbox: the addressed group sees it (``visible_groups``) and marks it read.

``state`` is ``created`` until a channel delivered it (``delivered``) or every channel gave up (``failed``).
"""
from __future__ import annotations

import uuid

from sqlalchemy import or_, select

from engine.clock import iso
from engine.errors import NotFound
from engine.runtime.context import UnitOfWork
from engine.runtime.events import mail
from engine.runtime.events import outbox as events
from engine.runtime.tasks.groups import groups_of
from engine.store.models import Notification

EVENT_TYPE = "NotificationCreateEvent"
EMAIL = "notification.email"
CREATED, DELIVERED, FAILED, RETRYING = "created", "delivered", "failed", "retrying"
UNADDRESSED = "unaddressed"
MANAGER_ROLES = frozenset({"orderManager", "fulfillmentManager", "falloutManager"})


def notify(uow: UnitOfWork, to: str, subject: str, body: str, source: dict) -> Notification:
    """Write a notification to ``to`` (an address when it holds ``@``, else a group or role key) and start
    its channels: the hub listeners that match it and, when SMTP is configured, e-mail. A ``to`` that is
    empty (a field reference to a missing event field) addresses the ``unaddressed`` group managers see."""
    to = to.strip() if isinstance(to, str) and to.strip() else UNADDRESSED
    address = to if "@" in to else None
    notification = Notification(
        id=str(uuid.uuid4()), group_key=None if address else to, username=None, address=address,
        subject=subject[:300], body=body, source={k: v for k, v in source.items() if v is not None},
        order_id=source.get("orderId"), state=CREATED, channels={}, created_at=uow.now)
    uow.session.add(notification)
    uow.audit("notification.created", "notification", notification.id,
              {"to": to, "subject": notification.subject, **notification.source})
    _start_channels(uow, notification)
    return notification


def _start_channels(uow: UnitOfWork, notification: Notification) -> None:
    channels = {}
    event_id = str(uuid.uuid4())
    envelope = {"eventId": event_id, "eventTime": iso(uow.now), "eventType": EVENT_TYPE,
                "event": {"notification": serialize(notification)}}
    listeners = events.publish(uow, envelope, "notification", notification.id)
    notification.event_id = event_id
    if listeners:
        channels["webhook"] = {listener_id: CREATED for listener_id in listeners}
    recipients = mail.recipients(notification.address, notification.group_key)
    if mail.configured() and recipients:
        channels["email"] = {"to": recipients, "state": CREATED, "attempts": 0}
        uow.enqueue(EMAIL, {"notificationId": notification.id, "attempt": 1},
                    key=f"{EMAIL}:{notification.id}:1")
    notification.channels = channels


def locked(uow: UnitOfWork, notification_id: str) -> Notification | None:
    """The notification, locked against the other channels' updates (None when it is gone)."""
    return uow.session.execute(select(Notification).where(Notification.id == notification_id)
                               .with_for_update()).scalar_one_or_none()


def channel_outcome(uow: UnitOfWork, notification: Notification, channel: str, outcome: str,
                    listener_id: str | None = None, error: str | None = None) -> None:
    """Record how one attempt of a channel went and settle the notification's state."""
    channels = {name: dict(value) for name, value in notification.channels.items()}
    if channel == "webhook":
        channels.setdefault("webhook", {})[listener_id] = outcome
    else:
        email = channels.setdefault("email", {})
        email.update(state=outcome, attempts=int(email.get("attempts", 0)) + 1,
                     **({"error": error} if error else {}))
    notification.channels = channels
    outcomes = [o for value in channels.values()
                for o in ([value["state"]] if "state" in value else value.values())]
    if DELIVERED in outcomes:
        if notification.state != DELIVERED:
            notification.state, notification.delivered_at = DELIVERED, uow.now
    elif outcomes and all(o == FAILED for o in outcomes):
        notification.state = FAILED


def webhook_attempted(uow: UnitOfWork, notification_id: str, listener_id: str, outcome: str) -> None:
    """The ``event.deliver`` job's outcome for a notification event (delivered, retrying or failed)."""
    notification = locked(uow, notification_id)
    if notification is not None:
        channel_outcome(uow, notification, "webhook", outcome, listener_id=listener_id)


# ---- who sees what ----

def visible_groups(session, user) -> frozenset[str] | None:
    """The group keys whose notifications ``user`` (``username``, ``role``) sees; None: all (managers).

    A user sees what is addressed to their role and to the assignment groups they are a member of."""
    if user.role in MANAGER_ROLES:
        return None
    return frozenset({user.role} | groups_of(session, user.username))


def visible_to(session, user):
    """The SQL condition selecting the notifications ``user`` may see."""
    groups = visible_groups(session, user)
    if groups is None:
        return Notification.id.is_not(None)
    return or_(Notification.group_key.in_(sorted(groups)), Notification.username == user.username)


def mark_read(uow: UnitOfWork, notification_id: str, user) -> Notification:
    """Mark a notification the user may see as read (once: a second read keeps the first reader)."""
    notification = uow.session.execute(select(Notification).where(
        Notification.id == notification_id, visible_to(uow.session, user)).with_for_update()).scalar_one_or_none()
    if notification is None:
        raise NotFound(f"no notification with id {notification_id}")
    if notification.read_at is None:
        notification.read_by, notification.read_at = user.username, uow.now
        uow.audit("notification.read", "notification", notification.id, {"by": user.username})
    return notification


def serialize(notification: Notification) -> dict:
    return {"id": notification.id, "group": notification.group_key, "user": notification.username,
            "address": notification.address, "subject": notification.subject, "body": notification.body,
            "source": notification.source, "orderId": notification.order_id, "state": notification.state,
            "channels": notification.channels, "createdAt": iso(notification.created_at),
            "deliveredAt": iso(notification.delivered_at), "readBy": notification.read_by,
            "readAt": iso(notification.read_at)}
