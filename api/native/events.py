"""Native event endpoints: the delivery log of hub events (every attempt, its status and error)."""
from __future__ import annotations

from flask import Blueprint

from api.contract import endpoint
from api.permissions import requires
from api.read.events import DeliveryQuery, EventDeliveryView, delivery_page
from api.runtime import runtime

bp = Blueprint("native_events", __name__, url_prefix="/api/v1/events")


@bp.get("/deliveries")
@requires("event.read")
@endpoint(query=DeliveryQuery, response=list[EventDeliveryView], paged=True)
def deliveries(query: DeliveryQuery):
    """Delivery attempts, newest first; filter by ``listenerId``, ``eventId``, ``outcome``."""
    with runtime().reading() as session:
        return delivery_page(session, query)
