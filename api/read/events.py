"""Hub event deliveries as the events screen shows them: every attempt, its outcome and error."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.store.models import EventDelivery, OutboxEvent


class EventDeliveryView(Model):
    id: int
    listener_id: str
    event_id: str
    event_type: str
    attempt: int
    outcome: str
    status_code: int | None = Field(description="the listener's HTTP status, null when it was not reached")
    error: str | None
    at: Timestamp


class DeliveryQuery(ListQuery):
    listener_id: str | None = None
    event_id: str | None = None
    outcome: str | None = None
    sort: sort_by("at") | None = Field(None, description="default: newest first")


FILTERS = {"listener_id": EventDelivery.listener_id, "event_id": EventDelivery.event_id,
           "outcome": EventDelivery.outcome}
COLUMNS = (EventDelivery.id, EventDelivery.listener_id, EventDelivery.event_id, OutboxEvent.event_type,
           EventDelivery.attempt, EventDelivery.outcome, EventDelivery.status_code, EventDelivery.error,
           EventDelivery.at)


def delivery_page(session: Session, query: DeliveryQuery) -> Page[EventDeliveryView]:
    """A page of delivery attempts matching the filters (only the columns shown; no event payloads)."""
    where = [column == getattr(query, name) for name, column in FILTERS.items() if getattr(query, name) is not None]
    order = EventDelivery.id if query.sort == "at" else EventDelivery.id.desc()
    rows = session.execute(select(*COLUMNS).join(OutboxEvent, OutboxEvent.event_id == EventDelivery.event_id)
                           .where(*where).order_by(order).offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(EventDelivery).where(*where))
    return Page([EventDeliveryView(**row._mapping) for row in rows], total)
