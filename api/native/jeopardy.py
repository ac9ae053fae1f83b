"""Jeopardy API: an order's jeopardy, the board of orders in jeopardy, and the alerts the scan raised.

Alerts name assignment groups, escalations and the actions taken: they are operator data, read with
``task.read`` (customers do not hold it) and acknowledged with ``task.assign``. Customers see the
jeopardy of their own orders only (``/orders/<id>/jeopardy``) and the TMF622 JeopardyAlert events.

The board lists the orders in jeopardy; orders whose jeopardy could not be assessed have a list of their own
(``/jeopardy/unassessed``, typed, paged) and the board counts them in ``X-Unassessed-Count``, so a screen
showing the board sees at once that some orders are missing from it.
"""
from __future__ import annotations

from flask import Blueprint

from api.auth.scope import party_conditions, visible_or_404
from api.contract import endpoint
from api.permissions import actor, requires
from api.read.jeopardy import (
    AlertAcknowledgement,
    AlertQuery,
    BoardQuery,
    JeopardyAlertView,
    JeopardyBoardRow,
    OrderJeopardyView,
    UnassessedOrderView,
    UnassessedQuery,
    alert,
    alert_page,
    alert_view,
    board_page,
    jeopardy_view,
    unassessed_page,
)
from api.runtime import runtime
from engine.runtime.jeopardy import alerts as jeopardy_alerts
from engine.runtime.jeopardy.assess import order_jeopardy
from engine.store.models import CustomerOrder

bp = Blueprint("jeopardy", __name__, url_prefix="/api/v1")
UNASSESSED_COUNT = "X-Unassessed-Count"


@bp.get("/orders/<order_id>/jeopardy")
@requires("order.read")
@endpoint(response=OrderJeopardyView, etag=True)
def order_jeopardy_view(order_id: str) -> OrderJeopardyView:
    """The jeopardy of one order: its predicted completion and the tasks in jeopardy."""
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "order")
        return jeopardy_view(order, order_jeopardy(session, order, runtime().clock.now()))


@bp.get("/jeopardy")
@requires("task.read")
@endpoint(query=BoardQuery, response=list[JeopardyBoardRow], paged=True)
def jeopardy_board(query: BoardQuery):
    """Orders in flight that are in jeopardy, most severe first; filters: level (at least), group, minAge.
    ``X-Unassessed-Count``: orders left off because they could not be assessed (see /jeopardy/unassessed)."""
    with runtime().reading() as session:
        page, unassessed = board_page(session, query, runtime().clock.now(),
                                      party_conditions(CustomerOrder.party_id))
    return page, 200, {UNASSESSED_COUNT: str(unassessed)}


@bp.get("/jeopardy/unassessed")
@requires("task.read")
@endpoint(query=UnassessedQuery, response=list[UnassessedOrderView], paged=True)
def unassessed(query: UnassessedQuery):
    """Orders in flight whose jeopardy could not be assessed (so the board cannot show them), with why."""
    with runtime().reading() as session:
        return unassessed_page(session, query, runtime().clock.now(), party_conditions(CustomerOrder.party_id))


@bp.get("/jeopardy/alerts")
@requires("task.read")
@endpoint(query=AlertQuery, response=list[JeopardyAlertView], paged=True)
def list_alerts(query: AlertQuery):
    """Jeopardy alerts, newest first; filters: orderId, taskId, level, scope, group, escalatedTo, acknowledged."""
    with runtime().reading() as session:
        return alert_page(session, query, party_conditions(CustomerOrder.party_id))


@bp.get("/jeopardy/alerts/<alert_id>")
@requires("task.read")
@endpoint(response=JeopardyAlertView, etag=True)
def get_alert(alert_id: str) -> JeopardyAlertView:
    """One jeopardy alert."""
    with runtime().reading() as session:
        return alert(session, alert_id)


@bp.post("/jeopardy/alerts/<alert_id>/acknowledge")
@requires("task.assign")
@endpoint(body=AlertAcknowledgement, response=JeopardyAlertView, etag=True)
def acknowledge(alert_id: str, body: AlertAcknowledgement) -> JeopardyAlertView:
    """Acknowledge a jeopardy alert (once); an optional ``comment`` is kept in the audit log."""
    with runtime().unit_of_work(actor()) as uow:
        return alert_view(jeopardy_alerts.acknowledge(uow, alert_id, body.comment))
