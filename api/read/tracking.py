"""An order as its customer tracks it: milestones, each item's state, expected against requested completion, the
notes written for the customer, the information still missing, whether it can be cancelled now, and the issues
raised on it. Nothing of the rules (artifacts, rule rows, inputs), the plan or the people working it."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import Model, Timestamp
from api.read.issues import order_issues
from api.read.orders import visible_order
from engine.errors import OrdoError
from engine.lifecycle.compensation import past_point_of_no_return
from engine.runtime.jeopardy.assess import committed_date, order_jeopardy
from engine.runtime.orders.pipeline.cancel import IN_PROGRESS
from engine.states import PRODUCT_ORDER, DomainOrderState, ProductOrderState, Stage
from engine.store.models import (
    AuditEvent,
    CancelRequest,
    CustomerOrder,
    DomainOrder,
    OrderItem,
    OrderNote,
    OrderTraceEntry,
    Task,
)

S = ProductOrderState
MilestoneKey = Literal["captured", "validated", "inFulfilment", "completed", "partial", "failed", "cancelled",
                       "rejected"]
MilestoneState = Literal["done", "current", "upcoming", "skipped"]
CHECKED_STAGES = ("price", "approve", "decompose", "plan")  # trace stages that run once the order passed its checks
CANCELLING = (S.ASSESSING_CANCELLATION, S.PENDING_CANCELLATION)
FULFILLING = (S.IN_PROGRESS, S.HELD)
LABELS = {"captured": "Order received", "validated": "Order checked", "inFulfilment": "Being fulfilled",
          "completed": "Completed", "partial": "Partly completed", "failed": "Not completed",
          "cancelled": "Cancelled", "rejected": "Not accepted"}
STATUS = {
    S.ACKNOWLEDGED: "We have received your order and are checking it.",
    S.PENDING: "We need more information from you before your order can go on.",
    S.HELD: "Your order is on hold; we will tell you when it goes on.",
    S.IN_PROGRESS: "Your order is being fulfilled.",
    S.ASSESSING_CANCELLATION: "We are checking whether your order can still be cancelled.",
    S.PENDING_CANCELLATION: "Your order is being cancelled.",
    S.CANCELLED: "Your order was cancelled.",
    S.COMPLETED: "Your order is complete.",
    S.PARTIAL: "Part of your order was completed; the rest could not be.",
    S.FAILED: "We could not complete your order; we will contact you about it.",
    S.REJECTED: "We could not accept your order.",
}
AWAITING_APPROVAL = "Your order is waiting for an approval on our side."
REASONED = (S.REJECTED, S.CANCELLED)  # states whose reason is written for the customer (rule messages, their own)


class MilestoneView(Model):
    key: MilestoneKey
    label: str
    state: MilestoneState
    at: Timestamp | None = Field(description="when it was reached")


class TrackedItemView(Model):
    id: str
    action: str
    product_offering: str | None
    name: str | None = Field(description="the offering's name as ordered")
    quantity: int
    state: str


class MissingInformationView(Model):
    item_id: str | None = Field(description="the order item it is for (null: the order itself)")
    field: str = Field(description="the name of the missing value")
    characteristic: str | None = Field(description="the product characteristic to send, when it is one")
    description: str = Field(description="what is missing, in words")


class CustomerNoteView(Model):
    id: str
    text: str
    created_at: Timestamp


class CustomerIssueView(Model):
    id: str
    kind: str
    subject: str
    text: str
    state: str
    raised_at: Timestamp
    answer: str | None
    answered_at: Timestamp | None


class TrackingView(Model):
    id: str
    external_id: str | None
    state: str
    status: str = Field(description="where the order is, in words written for the customer")
    reason: str | None = Field(description="why it was not accepted or was cancelled")
    order_date: Timestamp
    requested_completion: Timestamp | None = Field(description="the requestedCompletionDate the customer asked for")
    expected_completion: Timestamp | None = Field(description="when we now expect it to complete (open orders)")
    expected_after_requested: bool = Field(description="the expected completion is later than the requested one")
    completion_date: Timestamp | None
    milestones: list[MilestoneView]
    items: list[TrackedItemView]
    missing_information: list[MissingInformationView] = Field(description="what we need from the customer")
    can_supply_information: bool
    can_cancel: bool = Field(description="whether a cancellation would be accepted now (before the point of no "
                                         "return)")
    cancel_refusal: str | None = Field(description="why it cannot be cancelled now")
    notes: list[CustomerNoteView] = Field(description="the notes written for the customer, oldest first")
    issues: list[CustomerIssueView] = Field(description="the issues raised on the order and their answers")


def tracking_view(session: Session, order_id: str, now: datetime) -> TrackingView:
    """The customer-safe view of a visible order (404 for another party's)."""
    order = visible_order(session, order_id)
    missing = _missing(session, order)
    can_cancel, refusal = _cancellable(session, order)
    requested, expected = committed_date(order), _expected(session, order, now)
    return TrackingView(
        id=order.id, external_id=order.external_id, state=order.state, status=_status(order),
        reason=order.state_reason if order.state in REASONED else None, order_date=order.order_date,
        requested_completion=requested, expected_completion=expected,
        expected_after_requested=bool(requested and expected and expected > requested),
        completion_date=order.completion_date, milestones=milestones(session, order), items=_items(session, order_id),
        missing_information=missing, can_supply_information=bool(missing), can_cancel=can_cancel,
        cancel_refusal=refusal, notes=_notes(session, order_id), issues=[
            CustomerIssueView(id=i.id, kind=i.kind, subject=i.subject, text=i.text, state=i.state,
                              raised_at=i.raised_at, answer=i.answer, answered_at=i.answered_at)
            for i in order_issues(session, order_id)])


def _status(order: CustomerOrder) -> str:
    if order.state == S.ACKNOWLEDGED and order.stage == Stage.AWAITING_APPROVAL:
        return AWAITING_APPROVAL
    return STATUS.get(order.state, "We are working on your order.")


def _state_times(session: Session, order_id: str) -> dict[str, datetime]:
    """When the order first entered each state (from the audit log)."""
    rows = session.execute(select(AuditEvent.at, AuditEvent.data).where(
        AuditEvent.entity_type == "productOrder", AuditEvent.entity_id == order_id,
        AuditEvent.action == "order.state_changed").order_by(AuditEvent.id)).all()
    entered: dict[str, datetime] = {}
    for at, data in rows:
        entered.setdefault(str((data or {}).get("to")), at)
    return entered


def milestones(session: Session, order: CustomerOrder) -> list[MilestoneView]:
    """Received, checked, being fulfilled, and how it ended (or the completion still ahead)."""
    entered = _state_times(session, order.id)
    checked = session.scalar(select(func.min(OrderTraceEntry.at)).where(
        OrderTraceEntry.order_id == order.id, OrderTraceEntry.stage.in_(CHECKED_STAGES)))
    fulfilling = entered.get(S.IN_PROGRESS)
    final = PRODUCT_ORDER.is_final(order.state)
    end_key = order.state if final else ("cancelled" if order.state in CANCELLING else "completed")
    end_at = (order.completion_date or entered.get(order.state)) if final else None
    reached = [("captured", order.order_date), ("validated", checked or fulfilling),
               ("inFulfilment", fulfilling), (end_key, end_at)]
    found, current_given = [], False
    for key, at in reached:
        if at is not None or (final and key == end_key):
            state = "done"
        elif final:
            state = "skipped"
        elif not current_given:
            state, current_given = "current", True
        else:
            state = "upcoming"
        found.append(MilestoneView(key=key, label=LABELS[key] if key != "cancelled" or final else "Being cancelled",
                                   state=state, at=at))
    return found


def _items(session: Session, order_id: str) -> list[TrackedItemView]:
    rows = session.execute(select(OrderItem).where(OrderItem.order_id == order_id)
                           .order_by(OrderItem.position)).scalars()
    return [TrackedItemView(id=i.item_id, action=i.action, product_offering=i.offering_id,
                            name=((i.payload or {}).get("productOffering") or {}).get("name"), quantity=i.quantity,
                            state=i.state) for i in rows]


def _missing(session: Session, order: CustomerOrder) -> list[MissingInformationView]:
    """What the order waits for: the enrichment's required fields, and the characteristics domain orders await."""
    found = []
    if order.stage == Stage.AWAITING_INFORMATION:
        for entry in order.missing_information or []:
            path = str(entry.get("path") or "")
            field = path.rsplit(".", 1)[-1] or "information"
            characteristic = field if ".characteristics." in f".{path}" else None
            found.append(MissingInformationView(item_id=_text(entry.get("item")), field=field,
                                                characteristic=characteristic,
                                                description=str(entry.get("message") or f"{field} is required")))
    waiting = session.execute(select(DomainOrder.missing).where(
        DomainOrder.order_id == order.id, DomainOrder.state == DomainOrderState.AWAITING_INFORMATION)
        .order_by(DomainOrder.created_at, DomainOrder.id)).scalars()
    for entries in waiting:
        for entry in entries or []:
            name = str(entry.get("characteristic") or "information")
            found.append(MissingInformationView(item_id=_text(entry.get("itemId")), field=name,
                                                characteristic=name, description=f"{_words(name)} is required"))
    return found


def _cancellable(session: Session, order: CustomerOrder) -> tuple[bool, str | None]:
    """Whether a cancellation would be accepted now, as the server assesses one (the point of no return)."""
    if PRODUCT_ORDER.is_final(order.state):
        return False, f"Your order is {_words(order.state)}: there is nothing left to cancel."
    cancelling = session.scalar(select(CancelRequest.id).where(CancelRequest.order_id == order.id,
                                                               CancelRequest.state == IN_PROGRESS).limit(1))
    if order.state in CANCELLING or cancelling is not None:
        return False, "Your order is already being cancelled."
    guarded = session.execute(select(Task).where(Task.order_id == order.id, Task.point_of_no_return.is_(True))
                              ).scalars()
    if any(past_point_of_no_return(task) for task in guarded):
        return False, "Work on your order has gone past the point where it can still be cancelled."
    return True, None


def _expected(session: Session, order: CustomerOrder, now: datetime) -> datetime | None:
    if order.state not in FULFILLING:
        return None if PRODUCT_ORDER.is_final(order.state) else order.expected_completion_date
    try:
        return order_jeopardy(session, order, now).predicted_completion
    except (OrdoError, ValueError, KeyError):
        return order.expected_completion_date


def _notes(session: Session, order_id: str) -> list[CustomerNoteView]:
    rows = session.execute(select(OrderNote).where(OrderNote.order_id == order_id, OrderNote.customer_visible.is_(True))
                           .order_by(OrderNote.created_at, OrderNote.id)).scalars()
    return [CustomerNoteView(id=n.id, text=n.text, created_at=n.created_at) for n in rows]


def _words(name: str) -> str:
    """``portInNumber`` -> ``port in number``."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _text(value) -> str | None:
    return None if value is None else str(value)
