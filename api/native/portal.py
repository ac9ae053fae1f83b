"""The customer portal's order views: "my orders" (search, sort, filter) with its CSV export, and an order's
customer-safe tracking view. Customers see their own party's orders only (another party's: 404)."""
from __future__ import annotations

from flask import Blueprint, Response, stream_with_context

from api.contract import Page, endpoint
from api.permissions import requires
from api.read.portal import PortalOrderQuery, PortalOrderSummary, csv_lines, portal_page
from api.read.tracking import TrackingView, tracking_view
from api.runtime import runtime

bp = Blueprint("portal", __name__, url_prefix="/api/v1")


@bp.get("/portal/orders")
@requires("portal.use")
@endpoint(query=PortalOrderQuery, response=list[PortalOrderSummary], paged=True)
def my_orders(query: PortalOrderQuery) -> Page[PortalOrderSummary]:
    """My orders: the caller's party's orders, newest first; search (q), state and date filters, sorts."""
    with runtime().reading() as session:
        return portal_page(session, query)


@bp.get("/orders/export.csv")
@requires("order.read")
@endpoint(query=PortalOrderQuery, response=str, produces=("text/csv",))
def export_orders(query: PortalOrderQuery) -> Response:
    """The orders of the list as CSV (the same filters and sort as GET /portal/orders, every page), streamed;
    customers get their own party's only."""
    lines = csv_lines(runtime().reading, query)
    return Response(stream_with_context(lines), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="orders.csv"'})


@bp.get("/orders/<order_id>/tracking")
@requires("order.read")
@endpoint(response=TrackingView, etag=True)
def order_tracking(order_id: str) -> TrackingView:
    """An order as its customer tracks it: milestones, item states, expected vs requested completion, the notes
    written for the customer, missing information, whether it can be cancelled now, and its issues."""
    ordo = runtime()
    with ordo.reading() as session:
        return tracking_view(session, order_id, ordo.clock.now())
