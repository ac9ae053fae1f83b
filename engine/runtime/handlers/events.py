"""Job handler ``event.deliver``: POST one event to one listener, log the attempt, schedule the retry."""
from __future__ import annotations

import urllib.error
import urllib.request

from sqlalchemy import select

from engine.runtime import events
from engine.runtime.context import UnitOfWork
from engine.runtime.registry import job_handler
from engine.store.models import EventDelivery, EventListener, OutboxEvent


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer (non-2xx), never followed: the callback registered is the one called."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST the body; returns the HTTP status (non-2xx included). Connection errors and timeouts raise OSError."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@job_handler(events.DELIVER)
def deliver(uow: UnitOfWork, payload: dict) -> None:
    attempt = int(payload.get("attempt", 1))
    listener = uow.session.get(EventListener, payload["listenerId"])
    event = uow.session.execute(select(OutboxEvent).where(OutboxEvent.event_id == payload["eventId"])
                                ).scalar_one_or_none()
    if listener is None or listener.deleted_at is not None or event is None:
        return
    body = events.body_bytes(event.envelope)
    headers = {"Content-Type": "application/json", "User-Agent": "Ordo-Events/1",
               "X-Ordo-Event-Id": event.event_id, "X-Ordo-Event-Type": event.event_type,
               "X-Ordo-Signature": events.signature(listener.secret, body)}
    status, error = None, None
    try:
        status = post(listener.callback, body, headers, events.TIMEOUT_SECONDS)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except (OSError, ValueError) as failure:
        error = f"{type(failure).__name__}: {failure}"
    retry = error is not None and attempt < events.MAX_ATTEMPTS
    outcome = "delivered" if error is None else "retrying" if retry else "failed"
    uow.session.add(EventDelivery(listener_id=listener.id, event_id=event.event_id, attempt=attempt, outcome=outcome,
                                  status_code=status, error=error and error[:2000], at=uow.now))
    if retry:
        uow.enqueue(events.DELIVER, {**payload, "attempt": attempt + 1},
                    key=f"{events.DELIVER}:{event.event_id}:{listener.id}:{attempt + 1}",
                    run_at=uow.now + events.backoff(attempt))
