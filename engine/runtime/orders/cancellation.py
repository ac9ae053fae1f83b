"""Cancelling an order (TMF622 cancelProductOrder, DELETE, the fallout action).

The order is assessed (``assessingCancellation``): a final order, or one with an item past its point of
no return, is not cancelled: the order returns to its previous state and the request ends
``terminatedWithError`` with the reason. Otherwise the order is ``pendingCancellation``: open tasks are
cancelled and the done work is compensated (stage ``cancelling``, run by the worker) until the order,
its items and domain orders are ``cancelled`` and the request is ``done``. An order with nothing to undo
(not yet in progress) is cancelled at once.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from engine.errors import Conflict
from engine.lifecycle.compensation import past_point_of_no_return
from engine.runtime.context import UnitOfWork
from engine.runtime.events import outbox as events
from engine.runtime.orders.persistence import ADVANCE, locked_order, set_state
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.cancel import (
    ACKNOWLEDGED,
    CREATE_EVENT,
    IN_PROGRESS,
    REFUSED,
    representation,
    set_request_state,
)
from engine.runtime.orders.pipeline.compensation import order_rows, undo_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.states import ORDER_ITEM, PRODUCT_ORDER, ProductOrderState, Stage
from engine.store.models import Approval, CancelRequest

S = ProductOrderState
WITHDRAWABLE = (S.ACKNOWLEDGED, S.PENDING)


def request_cancellation(uow: UnitOfWork, order_id: str, reason: str | None = None,
                         requested_date: datetime | None = None) -> CancelRequest:
    """Store a cancellation request for the order and carry it out as far as it goes now.

    Returns the request: ``done`` (nothing to undo), ``inProgress`` (compensations queued for the worker)
    or ``terminatedWithError`` (refused; ``error`` says why, the order is back in its previous state).
    """
    order = locked_order(uow.session, order_id)
    request = CancelRequest(id=str(uuid.uuid4()), order_id=order.id, party_id=order.party_id, state=ACKNOWLEDGED,
                            reason=reason, requested_date=requested_date, order_state=order.state,
                            created_by=uow.actor, created_at=uow.now, updated_at=uow.now)
    uow.session.add(request)
    uow.session.flush()
    uow.audit("cancel.requested", "cancelProductOrder", request.id, {"orderId": order.id, "reason": reason})
    events.emit(uow, CREATE_EVENT, order, extra_event={"cancelProductOrder": representation(request)})
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    refusal = _refusal(ctx)
    if refusal:
        set_request_state(ctx, request, REFUSED, refusal)
        return request
    _cancel(ctx, request, reason)
    return request


def cancel_order(uow: UnitOfWork, order_id: str, reason: str) -> CancelRequest:
    """Cancel the order (the fallout action "cancel the order"); raises Conflict when it cannot be."""
    request = request_cancellation(uow, order_id, reason)
    if request.state == REFUSED:
        raise Conflict(f"order {order_id} cannot be cancelled: {request.error}", state=request.order_state)
    return request


def withdraw_order(uow: UnitOfWork, order_id: str) -> CancelRequest:
    """DELETE: an order not yet in progress (acknowledged, pending) is cancelled at once; 409 otherwise."""
    order = locked_order(uow.session, order_id)
    if order.state not in WITHDRAWABLE:
        raise Conflict(f"order {order_id} is {order.state}: only an acknowledged or pending order can be deleted; "
                       "cancel an order in flight with cancelProductOrder", state=order.state)
    return request_cancellation(uow, order_id, "withdrawn by the customer (DELETE)")


def _refusal(ctx: StageContext) -> str | None:
    """Why the order cannot be cancelled (None when it can); an open order is assessed and restored."""
    order = ctx.order
    if PRODUCT_ORDER.is_final(order.state):
        return f"the order is {order.state}"
    if order.state in (S.ASSESSING_CANCELLATION, S.PENDING_CANCELLATION) or _other_open(ctx):
        return "the order is already being cancelled"
    previous, reason = order.state, order.state_reason
    set_state(ctx.uow, order, S.ASSESSING_CANCELLATION, stage=order.stage)
    passed = _past_point_of_no_return(ctx)
    if passed:
        set_state(ctx.uow, order, S(previous), stage=order.stage, reason=reason)
    return passed


def _other_open(ctx: StageContext) -> bool:
    found = ctx.uow.session.execute(select(CancelRequest.id).where(
        CancelRequest.order_id == ctx.order.id, CancelRequest.state == IN_PROGRESS)).first()
    return found is not None


def _past_point_of_no_return(ctx: StageContext) -> str | None:
    domain_orders, tasks = order_rows(ctx)
    items_of = {d.id: sorted({str(line.get("itemId")) for line in d.payload.get("lines", [])}) for d in domain_orders}
    passed = [t for t in tasks if past_point_of_no_return(t)]
    if not passed:
        return None
    items = sorted({item for t in passed for item in items_of.get(t.domain_order_id, [])})
    return (f"item {', '.join(items)} passed the point of no return ("
            + ", ".join(f"task {t.key} is {t.state}" for t in passed) + ")")


def _cancel(ctx: StageContext, request: CancelRequest, reason: str | None) -> None:
    set_state(ctx.uow, ctx.order, S.PENDING_CANCELLATION, stage=Stage.CANCELLING, reason=reason)
    for item in ctx.order.items:
        if not ORDER_ITEM.is_final(item.state):
            if item.state != S.ASSESSING_CANCELLATION:
                item.state = ORDER_ITEM.check(item.state, S.ASSESSING_CANCELLATION)
            item.state = ORDER_ITEM.check(item.state, S.PENDING_CANCELLATION)
    _withdraw_approvals(ctx)
    set_request_state(ctx, request, IN_PROGRESS)
    _, tasks = undo_order(ctx, cause=f"order cancelled ({reason or 'no reason given'})")
    if any(t.spec.get("compensates") for t in tasks):
        ctx.uow.enqueue(ADVANCE, {"orderId": ctx.order.id})
    else:
        advance_order(ctx.uow, ctx.order)


def _withdraw_approvals(ctx: StageContext) -> None:
    pending = ctx.uow.session.execute(select(Approval).where(Approval.order_id == ctx.order.id,
                                                             Approval.state == "pending")).scalars()
    for approval in pending:
        approval.state, approval.decided_at = "withdrawn", ctx.now
        ctx.uow.audit("approval.withdrawn", "productOrder", ctx.order.id, {"approvalId": approval.id})
