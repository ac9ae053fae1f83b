"""TMF622 events: hub listeners, the event outbox, and signed delivery with retries.

An event is written to ``event_outbox`` in the transaction of the change it reports, together with one
``event.deliver`` job per listener whose query matches; the worker POSTs it (signed with the listener's
secret), logs every attempt in ``event_deliveries`` and retries with exponential back-off. The envelope is
``{eventId, eventTime, eventType, event: {productOrder: <representation>}}`` plus per-type extras.
"""
from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from engine import tracing
from engine.clock import iso
from engine.errors import Invalid, NotFound
from engine.runtime.context import UnitOfWork
from engine.runtime.events import callbacks, signing
from engine.runtime.events.live.topics import summary_of
from engine.store import outbox_rows
from engine.store.models import CustomerOrder, EventListener

DELIVER = "event.deliver"
ORDER_HREF = "/tmf-api/productOrderingManagement/v4/productOrder/{}"
CREATE = "ProductOrderCreateEvent"
STATE_CHANGE = "ProductOrderStateChangeEvent"
ATTRIBUTE_VALUE_CHANGE = "ProductOrderAttributeValueChangeEvent"
INFORMATION_REQUIRED = "ProductOrderInformationRequiredEvent"
JEOPARDY_ALERT = "ProductOrderJeopardyAlertEvent"
MILESTONE = "ProductOrderMilestoneEvent"
ERROR_MESSAGE = "ProductOrderErrorMessageEvent"
EVENT_TYPES = (CREATE, STATE_CHANGE, ATTRIBUTE_VALUE_CHANGE, INFORMATION_REQUIRED, JEOPARDY_ALERT, MILESTONE,
               ERROR_MESSAGE)


def order_representation(order: CustomerOrder) -> dict:
    """A minimal TMF622 ProductOrder for event payloads (the API's full serializer lives outside the engine)."""
    body = {"id": order.id, "href": ORDER_HREF.format(order.id), "externalId": order.external_id,
            "state": order.state, "orderDate": iso(order.order_date),
            "completionDate": iso(order.completion_date),
            "productOrderItem": [{"id": item.item_id, "action": item.action, "state": item.state}
                                 for item in order.items],
            "@type": "ProductOrder"}
    return {key: value for key, value in body.items() if value is not None}


# ---- emission: one function per event kind, each called from one place in the runtime ----

def order_created(uow: UnitOfWork, order: CustomerOrder) -> None:
    emit(uow, CREATE, order)


def state_changed(uow: UnitOfWork, order: CustomerOrder, previous: str) -> None:
    emit(uow, STATE_CHANGE, order, description=f"state {previous} -> {order.state}")


def attribute_value_changed(uow: UnitOfWork, order: CustomerOrder, diff: list) -> None:
    paths = sorted({str(change.get("path")) for change in diff if isinstance(change, dict) and change.get("path")})
    emit(uow, ATTRIBUTE_VALUE_CHANGE, order, fieldPath=",".join(paths) or None,
         description=f"revision {order.revision}")


def information_required(uow: UnitOfWork, order: CustomerOrder, missing: list[dict]) -> None:
    emit(uow, INFORMATION_REQUIRED, order, fieldPath=",".join(str(m.get("path")) for m in missing),
         description="; ".join(str(m.get("message")) for m in missing))


def jeopardy_alert(uow: UnitOfWork, order: CustomerOrder, *, name: str, message: str,
                   jeopardy_type: str = "jeopardy", alert_id: str | None = None, exception: str | None = None,
                   item_ids: tuple[str, ...] = ()) -> str:
    """A TMF622 v5 ProductOrderJeopardyAlert, in ``event.jeopardyAlert`` and on the order; called by the scan."""
    alert = {"id": alert_id, "alertDate": iso(uow.now), "name": name, "jeopardyType": jeopardy_type,
             "exception": exception, "message": message,
             "productOrderItem": [{"itemId": item_id, "productOrderId": order.id,
                                   "productOrderHref": ORDER_HREF.format(order.id), "@type": "ProductOrderItemRef"}
                                  for item_id in item_ids],
             "@type": "ProductOrderJeopardyAlert"}
    alert = {key: value for key, value in alert.items() if value is not None}
    return emit(uow, JEOPARDY_ALERT, order, description=message, extra_event={"jeopardyAlert": alert},
                order_extra={"productOrderJeopardyAlert": [alert]})


def milestone_reached(uow: UnitOfWork, order: CustomerOrder, milestone: str, task_id: str) -> None:
    emit(uow, MILESTONE, order, description=milestone,
         extra_event={"milestone": {"name": milestone, "status": "reached", "milestoneDate": iso(uow.now),
                                    "taskId": task_id}})


def task_failed(uow: UnitOfWork, order: CustomerOrder, task_key: str, error: str) -> None:
    emit(uow, ERROR_MESSAGE, order, description=error,
         extra_event={"errorMessage": {"code": "taskFailed", "reason": task_key, "message": error,
                                       "timestamp": iso(uow.now)}})


def emit(uow: UnitOfWork, event_type: str, order: CustomerOrder, *, extra_event: dict | None = None,
         order_extra: dict | None = None, **extra) -> str:
    """Write the event and one delivery job per matching listener, in the caller's transaction."""
    tracing.mark_order(order.id)
    event_id = str(uuid.uuid4())
    envelope = {"eventId": event_id, "eventTime": iso(uow.now), "eventType": event_type,
                **{key: value for key, value in extra.items() if value is not None},
                "event": {"productOrder": {**order_representation(order), **(order_extra or {})},
                          **(extra_event or {})}}
    publish(uow, envelope, "productOrder", order.id)
    return event_id


def publish(uow: UnitOfWork, envelope: dict, entity_type: str, entity_id: str) -> list[str]:
    """Write an envelope (with its ``eventId`` and ``eventType``) to the outbox and one delivery job per
    listener whose query matches it; returns those listeners' ids. The outbox row is written with the
    transaction's other events in one INSERT when it commits (``engine.store.commit_buffer``)."""
    event_id = envelope["eventId"]
    outbox_rows.add(uow.session, {
        "event_id": event_id, "event_type": envelope["eventType"], "entity_type": entity_type,
        "entity_id": entity_id, "envelope": envelope, "summary": summary_of(entity_type, entity_id, envelope),
        "created_at": uow.now})
    matched = [listener.id for listener in transaction_listeners(uow.session) if matches(listener.query, envelope)]
    for listener_id in matched:
        uow.enqueue(DELIVER, {"eventId": event_id, "listenerId": listener_id, "attempt": 1},
                    key=f"{DELIVER}:{event_id}:{listener_id}:1")
    return matched


# ---- listeners (the hub) ----

_LISTENERS = "ordo_active_listeners"


def transaction_listeners(session) -> list[EventListener]:
    """The active listeners, read once per transaction (an event-heavy job emits dozens of events)."""
    root = session.get_transaction()
    held = session.info.get(_LISTENERS)
    if held is None or held[0] is not root:
        held = (root, active_listeners(session))
        session.info[_LISTENERS] = held
    return held[1]


def active_listeners(session) -> list[EventListener]:
    return list(session.execute(select(EventListener).where(EventListener.deleted_at.is_(None))
                                .order_by(EventListener.created_at, EventListener.id)).scalars())


def parse_query(query: str | None) -> dict[str, set[str]]:
    """``eventType=A,B&event.productOrder.state=completed``: each key a dotted path, any listed value matches."""
    if not query:
        return {}
    parsed = parse_qs(query, keep_blank_values=False, strict_parsing=True)
    return {key: {v for value in values for v in value.split(",") if v} for key, values in parsed.items()}


def matches(query: str | None, envelope: dict) -> bool:
    for path, wanted in parse_query(query).items():
        value = envelope
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or str(value) not in wanted:
            return False
    return True


class UnsafeCallback(Invalid):
    """A well-formed callback the SSRF guard refuses (engine.runtime.events.callbacks)."""


def validate_listener(callback, query=None) -> None:
    """Check a registration before any transaction (the SSRF guard may resolve DNS, which can be slow).

    A malformed callback or query raises Invalid; a callback to a non-public address, UnsafeCallback.
    """
    errors = []
    parts = urlsplit(callback) if isinstance(callback, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        errors.append({"pointer": "/callback", "code": "invalid_url", "message": "callback must be an http(s) URL"})
    if query is not None:
        try:
            if not isinstance(query, str):
                raise ValueError("not a string")
            parse_query(query)
        except ValueError as error:
            errors.append({"pointer": "/query", "code": "invalid_query", "message": f"query: {error}"})
    if errors:
        raise Invalid("; ".join(e["message"] for e in errors), errors=errors)
    try:
        callbacks.check(callback)
    except callbacks.CallbackRefused as refused:
        raise UnsafeCallback(str(refused), errors=[{"pointer": "/callback", "code": "callback_refused",
                                                    "message": str(refused)}]) from refused


def register_listener(uow: UnitOfWork, callback: str, query: str | None = None) -> tuple[EventListener, str]:
    """Store a listener checked by ``validate_listener``; returns it and its signing secret (shown once).

    Delivery checks the callback again before every attempt (engine.runtime.events.callbacks).
    """
    secret = secrets.token_hex(32)
    listener = EventListener(id=str(uuid.uuid4()), callback=callback, query=query or None, secret=secret,
                             created_by=uow.actor, created_at=uow.now)
    uow.session.add(listener)
    uow.session.info.pop(_LISTENERS, None)
    uow.audit("hub.registered", "eventListener", listener.id, {"callback": callback, "query": query})
    return listener, secret


def find_listener(session, listener_id: str) -> EventListener:
    listener = session.get(EventListener, listener_id)
    if listener is None or listener.deleted_at is not None:
        raise NotFound(f"no hub listener with id {listener_id}")
    return listener


def unregister_listener(uow: UnitOfWork, listener_id: str) -> None:
    listener = find_listener(uow.session, listener_id)
    listener.deleted_at = uow.now
    uow.session.info.pop(_LISTENERS, None)
    uow.audit("hub.unregistered", "eventListener", listener.id, {"callback": listener.callback})


# ---- delivery ----

MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10.0


def backoff(attempt: int) -> timedelta:
    """Wait after failed attempt ``attempt`` (1-based): 10 s, 20 s, 40 s … at most one hour."""
    return timedelta(seconds=min(10 * 2 ** (attempt - 1), 3600))


def body_bytes(envelope: dict) -> bytes:
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode()


def signature(secret: str, body: bytes, at: datetime) -> str:
    """The ``X-Ordo-Signature`` header value of a delivery attempt made at ``at`` (engine.runtime.events.signing)."""
    return signing.sign(secret, body, int(at.timestamp()))
