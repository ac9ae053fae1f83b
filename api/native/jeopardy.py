"""Jeopardy API: an order's jeopardy, the board of orders in jeopardy, and the alerts the scan raised.

Alerts name assignment groups, escalations and the actions taken: they are operator data, read with
``task.read`` (customers do not hold it) and acknowledged with ``task.assign``. Customers see the
jeopardy of their own orders only (``/orders/<id>/jeopardy``) and the TMF622 JeopardyAlert events.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import Blueprint, request
from sqlalchemy import select

from api.auth.scope import party_conditions, visible_or_404
from api.errors import ApiError
from api.native.workspace import body
from api.paging import paging
from api.permissions import actor, requires
from api.runtime import runtime
from engine.clock import iso
from engine.kinds.base.values import parse_duration
from engine.lifecycle.jeopardy import LEVELS
from engine.runtime.jeopardy import alerts as jeopardy_alerts
from engine.runtime.jeopardy.assess import Assessed, assess_orders, order_jeopardy
from engine.store.models import CustomerOrder

bp = Blueprint("jeopardy", __name__, url_prefix="/api/v1")
BOARD_LIMIT = 500
log = logging.getLogger("ordo.jeopardy")


def _jeopardy_body(order, result, tasks=None) -> dict:
    tasks = tasks or {}
    return {"orderId": order.id, "state": order.state, "level": result.level,
            "predictedCompletion": iso(result.predicted_completion), "committed": iso(result.committed),
            "lateBySeconds": result.late_by.total_seconds() if result.late_by else None,
            "reasons": list(result.reasons), "domainOrders": result.domain_orders,
            "tasks": [{"taskId": t.task_id, "key": tasks[t.task_id].key if t.task_id in tasks else None,
                       "assignmentGroup": tasks[t.task_id].assignment_group if t.task_id in tasks else None,
                       "percentOfSla": str(t.percent), "level": t.level, "dueAt": iso(t.due_at)}
                      for t in result.tasks if t.level]}


@bp.get("/orders/<order_id>/jeopardy")
@requires("order.read")
def order_jeopardy_view(order_id: str):
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "order")
        return _jeopardy_body(order, order_jeopardy(session, order, runtime().clock.now()))


def _board_filters() -> tuple[str | None, str | None, timedelta | None]:
    wanted, group, min_age = request.args.get("level"), request.args.get("group"), request.args.get("minAge")
    if wanted and wanted not in LEVELS:
        raise ApiError(400, "Bad Request", f"level must be one of {list(LEVELS)}")
    try:
        return wanted, group, parse_duration(min_age) if min_age else None
    except ValueError as error:
        raise ApiError(400, "Bad Request", f"minAge: {error}") from error


def _on_board(row: Assessed, wanted, group, min_age, now) -> bool:
    level = row.result.level
    if not level or (wanted and LEVELS.index(level) < LEVELS.index(wanted)):
        return False
    if min_age is not None and now - row.order.order_date < min_age:
        return False
    return group is None or any(t.level and row.tasks[t.task_id].assignment_group == group for t in row.result.tasks)


@bp.get("/jeopardy")
@requires("task.read")
def jeopardy_board():
    """Orders in flight that are in jeopardy, most severe first; filters: level (at least), group, minAge."""
    wanted, group, min_age = _board_filters()
    now = runtime().clock.now()
    with runtime().reading() as session:
        orders = session.execute(select(CustomerOrder).where(CustomerOrder.state == "inProgress",
                                                             *party_conditions(CustomerOrder.party_id))
                                 .order_by(CustomerOrder.order_date).limit(BOARD_LIMIT)).scalars().all()
        unassessed: list[dict] = []
        assessed = assess_orders(session, list(orders), now, on_error=lambda order, error: _unassessed(
            unassessed, order, error))
        board = [row for row in assessed if _on_board(row, wanted, group, min_age, now)]
        escalations = jeopardy_alerts.open_escalations(session, [row.order.id for row in board])
    rows = [{**_jeopardy_body(row.order, row.result, row.tasks),
             "ageSeconds": (now - row.order.order_date).total_seconds(),
             "escalatedTo": escalations.get(row.order.id, [])} for row in board]
    rows.sort(key=lambda row: -LEVELS.index(row["level"]))
    return {"total": len(rows), "orders": rows, "unassessed": unassessed}


def _unassessed(found: list[dict], order, error: Exception) -> None:
    """An order the board could not assess is listed (and logged), not allowed to hide the others."""
    log.error("jeopardy board: order %s could not be assessed: %s", order.id, error, exc_info=error)
    found.append({"orderId": order.id, "error": f"{type(error).__name__}: {error}"})


def _acknowledged() -> bool | None:
    value = request.args.get("acknowledged")
    if value in (None, ""):
        return None
    if value not in ("true", "false"):
        raise ApiError(400, "Bad Request", "acknowledged must be true or false")
    return value == "true"


@bp.get("/jeopardy/alerts")
@requires("task.read")
def list_alerts():
    """Jeopardy alerts, newest first; filters: orderId, taskId, level, scope, group, escalatedTo, acknowledged."""
    offset, limit = paging()
    level = request.args.get("level")
    if level and level not in LEVELS:
        raise ApiError(400, "Bad Request", f"level must be one of {list(LEVELS)}")
    filters = {name: request.args.get(name) for name in jeopardy_alerts.FILTERS}
    with runtime().reading() as session:
        total, alerts = jeopardy_alerts.list_alerts(session, filters, _acknowledged(), offset, limit,
                                                    tuple(party_conditions(CustomerOrder.party_id)))
        return {"total": total, "alerts": [jeopardy_alerts.serialize(a) for a in alerts]}


@bp.post("/jeopardy/alerts/<alert_id>/acknowledge")
@requires("task.assign")
def acknowledge(alert_id: str):
    """Acknowledge a jeopardy alert (once); an optional ``comment`` is kept in the audit log."""
    comment = body().get("comment")
    if comment is not None and not isinstance(comment, str):
        raise ApiError(400, "Bad Request", '"comment" must be a string')
    with runtime().unit_of_work(actor()) as uow:
        return jeopardy_alerts.serialize(jeopardy_alerts.acknowledge(uow, alert_id, comment))
