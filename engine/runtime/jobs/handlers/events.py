"""Job handler ``event.deliver``: POST one event to one listener, log the attempt, schedule the retry."""
from __future__ import annotations

import http.client
import socket
from urllib.parse import urlsplit

from sqlalchemy import select

from engine import tracing
from engine.runtime.context import UnitOfWork
from engine.runtime.events import callbacks, notifications, signing
from engine.runtime.events import outbox as events
from engine.runtime.jobs.registry import job_handler
from engine.store.models import EventDelivery, EventListener, OutboxEvent


def post(url: str, body: bytes, headers: dict, timeout: float, address: str | None = None) -> int:
    """POST the body; returns the HTTP status (non-2xx included; a redirect is an answer, never followed).

    ``address``: connect there instead of resolving the host again (the one the SSRF guard checked); TLS still
    verifies the certificate against the URL's host. Connection errors and timeouts raise OSError.
    """
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port or callbacks.DEFAULT_PORTS[parts.scheme],
                                  timeout=timeout)
    if address is not None:
        connection._create_connection = lambda target, *args, **kwargs: socket.create_connection(
            (address, target[1]), *args, **kwargs)
    try:
        connection.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body, headers)
        return connection.getresponse().status
    finally:
        connection.close()


@job_handler(events.DELIVER)
def deliver(uow: UnitOfWork, payload: dict) -> None:
    """POST the event to the listener (signed, with the event's ``traceparent``), log the attempt, queue a retry."""
    attempt = int(payload.get("attempt", 1))
    listener = uow.session.get(EventListener, payload["listenerId"])
    event = uow.session.execute(select(OutboxEvent).where(OutboxEvent.event_id == payload["eventId"])
                                ).scalar_one_or_none()
    if listener is None or listener.deleted_at is not None or event is None:
        return
    if event.entity_type == "productOrder":
        tracing.mark_order(event.entity_id)
    body = events.body_bytes(event.envelope)
    headers = {"Content-Type": "application/json", "User-Agent": "Ordo-Events/1",
               "X-Ordo-Event-Id": event.event_id, "X-Ordo-Event-Type": event.event_type,
               signing.HEADER: events.signature(listener.secret, body, uow.now)}
    status, error = None, None
    try:
        address = callbacks.check(listener.callback)
        stored = {"traceparent": event.traceparent, "tracestate": event.tracestate}
        with tracing.client_call("POST", listener.callback, stored) as trace_headers:
            status = post(listener.callback, body, {**headers, **trace_headers}, events.TIMEOUT_SECONDS, address)
            tracing.response_status(status)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except callbacks.CallbackRefused as refused:
        error = f"refused: {refused}"
    except (OSError, ValueError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}"
    retry = error is not None and attempt < events.MAX_ATTEMPTS
    outcome = "delivered" if error is None else "retrying" if retry else "failed"
    uow.session.add(EventDelivery(listener_id=listener.id, event_id=event.event_id, attempt=attempt, outcome=outcome,
                                  status_code=status, error=error and error[:2000], at=uow.now))
    if event.entity_type == "notification":
        notifications.webhook_attempted(uow, event.entity_id, listener.id, outcome)
    if retry:
        uow.enqueue(events.DELIVER, {**payload, "attempt": attempt + 1},
                    key=f"{events.DELIVER}:{event.event_id}:{listener.id}:{attempt + 1}",
                    run_at=uow.now + events.backoff(attempt))
