"""Order notes as staff and customers read them: staff see every note, customers only the customer-visible notes
of their own party's orders."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.identity import current_user
from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read.orders import visible_order
from engine.store.models import OrderNote

MAX_TEXT = 4000


class NoteView(Model):
    id: str
    order_id: str
    author: str
    text: str
    customer_visible: bool = Field(description="whether the order's customer sees it")
    created_at: Timestamp


class AddNote(Model):
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")
    customer_visible: bool = Field(False, description="show it to the order's customer (default: internal)")


class NoteQuery(ListQuery):
    sort: sort_by("createdAt") | None = Field(None, description="default: oldest first")
    customer_visible: bool | None = Field(None, description="only the customer-visible (true) or internal (false)")


def note_view(note: OrderNote) -> NoteView:
    return NoteView(id=note.id, order_id=note.order_id, author=note.author, text=note.text,
                    customer_visible=note.customer_visible, created_at=note.created_at)


def customer_caller() -> bool:
    """Whether the caller is a customer (who sees only what is written for customers)."""
    user = current_user()
    return user is not None and user.is_customer


def note_conditions(order_id: str, customer_visible: bool | None) -> list:
    """The notes of an order the caller may see: customers only the customer-visible ones."""
    conditions = [OrderNote.order_id == order_id]
    if customer_caller():
        conditions.append(OrderNote.customer_visible.is_(True))
    if customer_visible is not None:
        conditions.append(OrderNote.customer_visible.is_(customer_visible))
    return conditions


def note_page(session: Session, order_id: str, query: NoteQuery) -> Page[NoteView]:
    """A page of the notes of a visible order (404 for another party's), oldest first unless sorted."""
    visible_order(session, order_id)
    conditions = note_conditions(order_id, query.customer_visible)
    rows = session.execute(select(OrderNote).where(*conditions)
                           .order_by(query.ordered(OrderNote.created_at), query.ordered(OrderNote.id))
                           .offset(query.offset).limit(query.limit)).scalars().all()
    total = session.scalar(select(func.count()).select_from(OrderNote).where(*conditions))
    return Page([note_view(n) for n in rows], total)
