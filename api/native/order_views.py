"""Staff views of one order for the workspace (customers use the portal and get 403): its activity feed, its
revisions and its orchestration (SLA use, jeopardy and open fallout per task)."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.permissions import requires
from api.read.order_activity import (
    ActivityEntryView,
    ActivityQuery,
    OrchestrationView,
    RevisionQuery,
    RevisionView,
    activity_page,
    open_fallouts,
    orchestration_view,
    revision_page,
)
from api.read.orders import visible_order
from api.runtime import runtime
from engine.errors import Conflict
from engine.runtime.jeopardy.assess import order_jeopardy

bp = Blueprint("native_order_views", __name__, url_prefix="/api/v1/orders")
STAFF = "domainOrder.read"


@bp.get("/<order_id>/activity")
@requires(STAFF)
@endpoint(query=ActivityQuery, response=list[ActivityEntryView], paged=True)
def order_activity(order_id: str, query: ActivityQuery) -> Page[ActivityEntryView]:
    """What happened to the order and its tasks, fallout, approvals, domain orders: audit entries, newest first."""
    with runtime().reading() as session:
        return activity_page(session, order_id, query)


@bp.get("/<order_id>/revisions")
@requires(STAFF)
@endpoint(query=RevisionQuery, response=list[RevisionView], paged=True)
def order_revisions(order_id: str, query: RevisionQuery) -> Page[RevisionView]:
    """The order's revisions (1 = as captured), each with its diff, newest first."""
    with runtime().reading() as session:
        return revision_page(session, order_id, query)


@bp.get("/<order_id>/orchestration")
@requires(STAFF)
@endpoint(response=OrchestrationView)
def order_orchestration(order_id: str) -> OrchestrationView:
    """Per task: the share of its SLA used, its jeopardy level and its open fallout record (the tasks, domain
    orders and dependencies themselves: GET /api/v1/orders/{id})."""
    ordo = runtime()
    with ordo.reading() as session:
        order = visible_order(session, order_id)
        try:
            assessed, error = order_jeopardy(session, order, ordo.clock.now()), None
        except Conflict as refused:
            assessed, error = None, str(refused)
        return orchestration_view(order_id, assessed, error, open_fallouts(session, order_id))
