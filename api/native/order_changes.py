"""Native order changes for the web app: revise or supply information (merge-PATCH), cancel, withdraw.

The same engine calls as the TMF622 routes (``api.tmf.product_order``, ``api.tmf.cancel_product_order``), so the
workspace and the portal have no back door: the same checks, refusals and audit entries. Optimistic locking uses
the ETag of the native order view (``GET /api/v1/orders/{id}``)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint
from pydantic import Field

from api.auth.scope import visible_or_404
from api.contract import Model, endpoint
from api.contract.etag import etag_of, require_if_match
from api.native.revisions import MERGE_PATCH
from api.permissions import actor, requires
from api.read.orders import OrderView, order_view
from api.runtime import runtime
from api.tmf.cancel_product_order import parse_date
from engine.runtime.orders.cancellation import request_cancellation, withdraw_order
from engine.runtime.orders.persistence import locked_order
from engine.runtime.orders.revisions import patch_order
from engine.store.models import CancelRequest, CustomerOrder

bp = Blueprint("native_order_changes", __name__, url_prefix="/api/v1/orders")


class RevisionImpact(Model):
    undo: list[dict[str, Any]] = Field(description="tasks whose work is undone (compensated)")
    redo: list[dict[str, Any]] = Field(description="work done again")
    add: list[dict[str, Any]] = Field(description="work added")
    refused: list[dict[str, Any]] = Field(description="changes refused (past their point of no return), with why")
    price_delta: dict[str, Decimal] = Field(description="per price type, the change of the price (a decimal string)")
    removed_items: list[str]
    added_items: list[str]
    broken_relationships: list[dict[str, Any]] = Field(default_factory=list)


class OrderChange(Model):
    order: OrderView
    revision_impact: RevisionImpact | None = Field(
        description="what a revision of an order in flight did; null when the patch supplied missing information")


class CancelBody(Model):
    reason: str | None = Field(default=None, max_length=2000, description="why the order is cancelled")
    requested_cancellation_date: str | None = Field(default=None, description="ISO 8601; default now")


class CancelView(Model):
    id: str
    order_id: str
    state: str = Field(description="acknowledged | inProgress | done | terminatedWithError (refused)")
    reason: str | None
    error: str | None = Field(description="why the cancellation was refused (e.g. past the point of no return)")
    order_state: str = Field(description="the order's state after the request")


def _current_etag(session, order_id: str) -> str:
    return etag_of(order_view(session, order_id), OrderView)


def _require_current(session, order_id: str) -> None:
    visible_or_404(session, CustomerOrder, order_id, "order")
    locked_order(session, order_id)
    require_if_match(_current_etag(session, order_id))


def _cancel_view(cancel: CancelRequest) -> CancelView:
    return CancelView(id=cancel.id, order_id=cancel.order_id, state=cancel.state, reason=cancel.reason,
                      error=cancel.error, order_state=cancel.order_state)


@bp.patch("/<order_id>")
@requires("order.update")
@endpoint(body=MERGE_PATCH, response=OrderChange)
def change_order(order_id: str, body: dict) -> tuple[OrderChange, int, dict]:
    """Merge-PATCH of the TMF622 ProductOrder: supplies missing information to a waiting order, or revises an order
    in flight (``revisionImpact``: undo / redo / add / refused / price delta; 409 when every change is refused;
    422 listing every broken product relationship). Requires ``If-Match`` with the ETag of
    ``GET /api/v1/orders/{id}`` (428 without, 412 when stale); answers the order view and its new ETag."""
    with runtime().unit_of_work(actor()) as uow:
        _require_current(uow.session, order_id)
        _, impact = patch_order(uow, order_id, body)
    with runtime().reading() as session:
        view = order_view(session, order_id)
    change = OrderChange(order=view, revision_impact=RevisionImpact.model_validate(impact) if impact else None)
    return change, 200, {"ETag": etag_of(view, OrderView)}


@bp.post("/<order_id>/cancel")
@requires("order.cancel")
@endpoint(body=CancelBody, response=CancelView, status=201)
def cancel(order_id: str, body: CancelBody) -> CancelView:
    """Request the cancellation (TMF622 cancelProductOrder): ``done`` when cancelled or under way, or
    ``terminatedWithError`` with the reason when refused (past a point of no return, already final); a refusal is
    stored too and the order carries on."""
    requested = parse_date(body.requested_cancellation_date, "/requestedCancellationDate")
    with runtime().unit_of_work(actor()) as uow:
        visible_or_404(uow.session, CustomerOrder, order_id, "order")
        return _cancel_view(request_cancellation(uow, order_id, body.reason, requested))


@bp.delete("/<order_id>")
@requires("order.cancel")
@endpoint(response=CancelView)
def withdraw(order_id: str) -> CancelView:
    """Withdraw an order not yet in progress (acknowledged or pending): it ends ``cancelled``; 409 otherwise.
    Requires ``If-Match`` with the ETag of ``GET /api/v1/orders/{id}``."""
    with runtime().unit_of_work(actor()) as uow:
        _require_current(uow.session, order_id)
        return _cancel_view(withdraw_order(uow, order_id))
