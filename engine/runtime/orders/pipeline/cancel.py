"""Stage ``cancelling``: run the compensations of a cancelled order, then end it ``cancelled``."""
from __future__ import annotations

from sqlalchemy import select

from engine.clock import iso
from engine.runtime.events import outbox as events
from engine.runtime.orders.persistence import set_state
from engine.runtime.orders.pipeline.compensation import order_rows, run_compensation
from engine.runtime.orders.pipeline.context import StageContext
from engine.states import ProductOrderState, Stage
from engine.store.models import CancelRequest

ACKNOWLEDGED, IN_PROGRESS, DONE, REFUSED = "acknowledged", "inProgress", "done", "terminatedWithError"
OPEN_REQUEST_STATES = (ACKNOWLEDGED, IN_PROGRESS)
HREF = "/tmf-api/productOrderingManagement/v4/cancelProductOrder/{}"
CREATE_EVENT, STATE_CHANGE_EVENT = "CancelProductOrderCreateEvent", "CancelProductOrderStateChangeEvent"


def run(ctx: StageContext) -> bool:
    domain_orders, tasks = order_rows(ctx)
    if run_compensation(ctx, domain_orders, tasks):
        finish(ctx)
    return False


def finish(ctx: StageContext) -> None:
    """Every domain order is settled: the order and its items end ``cancelled``, the request ``done``."""
    set_state(ctx.uow, ctx.order, ProductOrderState.CANCELLED, stage=Stage.CANCELLED,
              reason=ctx.order.state_reason, items_to=ProductOrderState.CANCELLED)  # the cancellation's reason
    ctx.order.completion_date = ctx.now
    request = open_request(ctx.uow.session, ctx.order.id)
    if request is not None:
        request.effective_date = ctx.now
        set_request_state(ctx, request, DONE)


def open_request(session, order_id: str) -> CancelRequest | None:
    return session.execute(select(CancelRequest).where(
        CancelRequest.order_id == order_id, CancelRequest.state.in_(OPEN_REQUEST_STATES))
        .order_by(CancelRequest.created_at).limit(1)).scalar_one_or_none()


def set_request_state(ctx: StageContext, request: CancelRequest, state: str, error: str | None = None) -> None:
    previous, request.state, request.updated_at = request.state, state, ctx.now
    if error:
        request.error = error
    ctx.uow.audit("cancel.state_changed", "cancelProductOrder", request.id,
                  {"orderId": request.order_id, "from": previous, "to": state, "error": error})
    events.emit(ctx.uow, STATE_CHANGE_EVENT, ctx.order, description=f"cancelProductOrder {previous} -> {state}",
                extra_event={"cancelProductOrder": representation(request)})


def representation(request: CancelRequest) -> dict:
    """The TMF622 CancelProductOrder (errors as a v5-style ``errorMessage``)."""
    body = {"id": request.id, "href": HREF.format(request.id), "state": request.state,
            "cancellationReason": request.reason, "requestedCancellationDate": iso(request.requested_date),
            "effectiveCancellationDate": iso(request.effective_date),
            "productOrder": {"id": request.order_id, "href": events.ORDER_HREF.format(request.order_id),
                             "@referredType": "ProductOrder"},
            "@type": "CancelProductOrder"}
    if request.error:
        body["errorMessage"] = [{"code": "cancellationRefused", "reason": "cancellation refused",
                                 "message": request.error, "status": REFUSED}]
    return {key: value for key, value in body.items() if value is not None}
