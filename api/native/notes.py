"""Order notes: staff add internal or customer-visible notes; customers read the customer-visible ones of their
own party's orders. Each note is audited; a customer-visible one also reaches the order's live stream."""
from __future__ import annotations

import uuid

from flask import Blueprint

from api.contract import Page, endpoint
from api.permissions import actor, requires
from api.read.notes import AddNote, NoteQuery, NoteView, note_page, note_view
from api.read.orders import visible_order
from api.runtime import runtime
from engine.clock import iso
from engine.runtime.context import UnitOfWork
from engine.runtime.events.live.topics import PRODUCT_ORDER
from engine.store.models import OrderNote, OutboxEvent

bp = Blueprint("order_notes", __name__, url_prefix="/api/v1/orders")
NOTE_EVENT = "OrderNoteCreateEvent"


@bp.get("/<order_id>/notes")
@requires("order.read")
@endpoint(query=NoteQuery, response=list[NoteView], paged=True)
def list_notes(order_id: str, query: NoteQuery) -> Page[NoteView]:
    """The order's notes, oldest first (customers: only those written for them, of their own party's orders)."""
    with runtime().reading() as session:
        return note_page(session, order_id, query)


@bp.post("/<order_id>/notes")
@requires("order.note")
@endpoint(body=AddNote, response=NoteView, status=201)
def add_note(order_id: str, body: AddNote) -> NoteView:
    """Add a note to the order: internal (default) or visible to its customer."""
    with runtime().unit_of_work(actor()) as uow:
        order = visible_order(uow.session, order_id)
        note = OrderNote(id=str(uuid.uuid4()), order_id=order.id, author=uow.actor, text=body.text.strip(),
                         customer_visible=body.customer_visible, created_at=uow.now)
        uow.session.add(note)
        uow.audit("order.note_added", "productOrder", order.id,
                  {"noteId": note.id, "customerVisible": note.customer_visible})
        if note.customer_visible:
            order_event(uow, order.id, NOTE_EVENT, {"noteId": note.id})
        return note_view(note)


def order_event(uow: UnitOfWork, order_id: str, event_type: str, summary: dict) -> None:
    """An outbox row for the order's live stream (``order:<id>``) only: no hub listener is sent it."""
    event_id = str(uuid.uuid4())
    summary = {"orderId": order_id, **summary}
    uow.session.add(OutboxEvent(event_id=event_id, event_type=event_type, entity_type=PRODUCT_ORDER,
                                entity_id=order_id, summary=summary, created_at=uow.now,
                                envelope={"eventId": event_id, "eventTime": iso(uow.now), "eventType": event_type,
                                          "event": summary}))
