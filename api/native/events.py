"""Native event endpoints: the delivery log of hub events (every attempt, its status and error)."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import func, select

from api.paging import list_response, paging
from api.permissions import requires
from api.runtime import runtime
from engine.clock import iso
from engine.store.models import EventDelivery, OutboxEvent

bp = Blueprint("native_events", __name__, url_prefix="/api/v1/events")
FILTERS = {"listenerId": EventDelivery.listener_id, "eventId": EventDelivery.event_id,
           "outcome": EventDelivery.outcome}


@bp.get("/deliveries")
@requires("event.read")
def deliveries():
    """Newest first; filter by ``listenerId``, ``eventId``, ``outcome``; ``offset``/``limit`` paging."""
    offset, limit = paging()
    conditions = [column == request.args[name] for name, column in FILTERS.items() if name in request.args]
    with runtime().reading() as session:
        total = session.scalar(select(func.count()).select_from(EventDelivery).where(*conditions))
        rows = session.execute(
            select(EventDelivery, OutboxEvent.event_type)
            .join(OutboxEvent, OutboxEvent.event_id == EventDelivery.event_id).where(*conditions)
            .order_by(EventDelivery.id.desc()).offset(offset).limit(limit)).all()
        bodies = [{"id": d.id, "listenerId": d.listener_id, "eventId": d.event_id, "eventType": event_type,
                   "attempt": d.attempt, "outcome": d.outcome, "statusCode": d.status_code, "error": d.error,
                   "at": iso(d.at)} for d, event_type in rows]
    return list_response(bodies, total)
