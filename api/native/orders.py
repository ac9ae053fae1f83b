"""Native order endpoints for the workspace: the order list, one order, its items and its decision trace."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.permissions import requires
from api.read.orders import (
    DomainOrderLineView,
    LineQuery,
    OrderItemQuery,
    OrderItemView,
    OrderQuery,
    OrderSummary,
    OrderView,
    TraceEntryView,
    TraceQuery,
    item_page,
    line_page,
    order_page,
    order_view,
    trace_page,
)
from api.runtime import runtime

bp = Blueprint("native_orders", __name__, url_prefix="/api/v1/orders")


@bp.get("")
@requires("order.read")
@endpoint(query=OrderQuery, response=list[OrderSummary], paged=True)
def list_orders(query: OrderQuery) -> Page[OrderSummary]:
    """Orders, newest first (customers see their own party's only)."""
    with runtime().reading() as session:
        return order_page(session, query)


@bp.get("/<order_id>")
@requires("order.read")
@endpoint(response=OrderView, etag=True)
def order_detail(order_id: str) -> OrderView:
    """One order: state, approvals, domain orders, tasks, the item count and the first page of items."""
    with runtime().reading() as session:
        return order_view(session, order_id)


@bp.get("/<order_id>/items")
@requires("order.read")
@endpoint(query=OrderItemQuery, response=list[OrderItemView], paged=True)
def order_items(order_id: str, query: OrderItemQuery) -> Page[OrderItemView]:
    """The items of an order, as ordered."""
    with runtime().reading() as session:
        return item_page(session, order_id, query)


@bp.get("/<order_id>/trace")
@requires("trace.read")
@endpoint(query=TraceQuery, response=list[TraceEntryView], paged=True)
def order_trace(order_id: str, query: TraceQuery) -> Page[TraceEntryView]:
    """Why the order got what it got: the rules' decisions, stage by stage (staff; customers: /tracking)."""
    with runtime().reading() as session:
        return trace_page(session, order_id, query)


@bp.get("/<order_id>/domain-orders/<domain_order_id>/lines")
@requires("order.read")
@endpoint(query=LineQuery, response=list[DomainOrderLineView], paged=True)
def domain_order_lines(order_id: str, domain_order_id: str, query: LineQuery) -> Page[DomainOrderLineView]:
    """The lines of one of the order's domain orders, as decomposition made them."""
    with runtime().reading() as session:
        return line_page(session, order_id, domain_order_id, query)
