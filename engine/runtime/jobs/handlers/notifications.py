"""Job handler ``notification.email``: send one notification by e-mail, log the attempt, schedule the retry."""
from __future__ import annotations

import smtplib

from engine.runtime.context import UnitOfWork
from engine.runtime.events import mail, notifications
from engine.runtime.events import outbox as events
from engine.runtime.jobs.registry import job_handler


@job_handler(notifications.EMAIL)
def send_email(uow: UnitOfWork, payload: dict) -> None:
    attempt = int(payload.get("attempt", 1))
    notification = notifications.locked(uow, payload["notificationId"])
    email = (notification.channels.get("email") or {}) if notification is not None else {}
    if not email or email.get("state") in (notifications.DELIVERED, notifications.FAILED):
        return
    error = None
    try:
        if not mail.configured():
            raise OSError("ORDO_SMTP_HOST is no longer set")
        mail.send(email["to"], notification.subject, notification.body)
    except (OSError, smtplib.SMTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"[:2000]
    retry = error is not None and attempt < events.MAX_ATTEMPTS
    outcome = notifications.DELIVERED if error is None else notifications.RETRYING if retry else notifications.FAILED
    notifications.channel_outcome(uow, notification, "email", outcome, error=error)
    if retry:
        uow.enqueue(notifications.EMAIL, {**payload, "attempt": attempt + 1},
                    key=f"{notifications.EMAIL}:{notification.id}:{attempt + 1}",
                    run_at=uow.now + events.backoff(attempt))
