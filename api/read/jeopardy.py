"""Jeopardy as the jeopardy screens show it: an order's jeopardy, the board, unassessed orders, the alerts."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read import canonical
from engine.errors import NotFound
from engine.kinds.base.values import parse_duration
from engine.lifecycle.jeopardy import LEVELS, OrderJeopardy
from engine.runtime.jeopardy import alerts as jeopardy_alerts
from engine.runtime.jeopardy.assess import Assessed, assess_orders
from engine.store.models import CustomerOrder, JeopardyAlert, Task

BOARD_LIMIT = 500
Level = Literal["low", "medium", "high", "critical"]
log = logging.getLogger("ordo.jeopardy")


class TaskJeopardyView(Model):
    task_id: str
    key: str | None
    assignment_group: str | None
    percent_of_sla: Decimal = Field(description="share of the task's SLA used, a decimal (serialised as a string)")
    level: Level
    due_at: Timestamp


class OrderJeopardyView(Model):
    order_id: str
    state: str
    level: Level | None = Field(description="null when the order is not in jeopardy")
    predicted_completion: Timestamp
    committed: Timestamp | None = Field(description="the order's requestedCompletionDate")
    late_by_seconds: float | None
    reasons: list[str]
    domain_orders: dict[str, Level | None] = Field(description="jeopardy level per domain order id")
    tasks: list[TaskJeopardyView] = Field(description="the tasks in jeopardy")


class JeopardyBoardRow(OrderJeopardyView):
    age_seconds: float = Field(description="since the order date")
    escalated_to: list[str] = Field(description="groups its unacknowledged alerts were escalated to")


class UnassessedOrderView(Model):
    order_id: str
    error: str = Field(description="why its jeopardy could not be assessed")


class BoardQuery(ListQuery):
    level: Level | None = Field(None, description="at least this level")
    group: str | None = Field(None, description="orders with a task in jeopardy of this assignment group")
    min_age: str | None = Field(None, description="orders older than this ISO 8601 duration (P2D, PT4H)")
    sort: sort_by("level", "ageSeconds", "orderId") | None = Field(
        None, description="default: most severe first, then oldest first")

    @field_validator("min_age")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            parse_duration(value)
        return value

    @property
    def age(self) -> timedelta | None:
        return parse_duration(self.min_age) if self.min_age else None


class UnassessedQuery(ListQuery):
    sort: sort_by("orderId") | None = None


class JeopardyAlertView(Model):
    id: str
    order_id: str
    task_id: str | None
    scope: str = Field(description="task or order")
    level: Level | None
    previous_level: Level | None
    percent_of_sla: Decimal | None = Field(description="a decimal (serialised as a string)")
    assignment_group: str | None
    escalated_to: str | None
    reason: str
    actions: list[dict[str, Any]] = Field(description="what the jeopardy rules did (alert, escalate, notify)")
    event_id: str | None
    created_at: Timestamp
    acknowledged_by: str | None
    acknowledged_at: Timestamp | None


class AlertQuery(ListQuery):
    order_id: str | None = None
    task_id: str | None = None
    level: Level | None = None
    scope: str | None = None
    group: str | None = Field(None, description="assignment group")
    escalated_to: str | None = None
    acknowledged: bool | None = None
    sort: sort_by("createdAt") | None = Field(None, description="default: newest first")


class AlertAcknowledgement(Model):
    comment: str | None = Field(None, max_length=4000, description="kept in the audit log")


@dataclass(frozen=True)
class OrderHead:
    """What assessing an order's jeopardy reads of it (never the whole order body)."""

    id: str
    state: str
    order_date: datetime
    pack_id: int | None
    payload: dict


def jeopardy_view(order, result: OrderJeopardy, tasks: dict[str, Task] | None = None) -> OrderJeopardyView:
    return OrderJeopardyView(**_jeopardy(order, result, tasks or {}))


def _jeopardy(order, result: OrderJeopardy, tasks: dict[str, Task]) -> dict:
    return {"order_id": order.id, "state": order.state, "level": result.level,
            "predicted_completion": result.predicted_completion, "committed": result.committed,
            "late_by_seconds": result.late_by.total_seconds() if result.late_by else None,
            "reasons": list(result.reasons), "domain_orders": result.domain_orders,
            "tasks": [TaskJeopardyView(task_id=t.task_id, key=tasks[t.task_id].key if t.task_id in tasks else None,
                                       assignment_group=tasks[t.task_id].assignment_group
                                       if t.task_id in tasks else None,
                                       percent_of_sla=t.percent, level=t.level, due_at=t.due_at)
                      for t in result.tasks if t.level]}


def _in_flight(session: Session, conditions: list) -> list[OrderHead]:
    """The orders in progress the caller sees (oldest first, at most BOARD_LIMIT), read column by column."""
    committed = CustomerOrder.payload["requestedCompletionDate"].as_string()
    rows = session.execute(select(CustomerOrder.id, CustomerOrder.state, CustomerOrder.order_date,
                                  CustomerOrder.pack_id, committed)
                           .where(CustomerOrder.state == "inProgress", *conditions)
                           .order_by(CustomerOrder.order_date, CustomerOrder.id).limit(BOARD_LIMIT)).all()
    return [OrderHead(id, state, date, pack, {"requestedCompletionDate": due} if due is not None else {})
            for id, state, date, pack, due in rows]


def assess_in_flight(session: Session, now: datetime, conditions: list) -> tuple[list[Assessed],
                                                                                 list[UnassessedOrderView]]:
    """The jeopardy of the orders in flight, and those that could not be assessed (listed and logged, never
    allowed to hide the others)."""
    unassessed: list[UnassessedOrderView] = []

    def failed(order, error: Exception) -> None:
        log.error("jeopardy board: order %s could not be assessed: %s", order.id, error, exc_info=error)
        unassessed.append(UnassessedOrderView(order_id=order.id, error=f"{type(error).__name__}: {error}"))
    return assess_orders(session, _in_flight(session, conditions), now, on_error=failed), unassessed


def _on_board(row: Assessed, query: BoardQuery, now: datetime) -> bool:
    level, min_age = row.result.level, query.age
    if not level or (query.level and LEVELS.index(level) < LEVELS.index(query.level)):
        return False
    if min_age is not None and now - row.order.order_date < min_age:
        return False
    return query.group is None or any(t.level and row.tasks[t.task_id].assignment_group == query.group
                                      for t in row.result.tasks)


def _board_key(query: BoardQuery):
    if query.sort_key == "orderId":
        return lambda row: row.order_id
    if query.sort_key == "ageSeconds":
        return lambda row: row.age_seconds
    return lambda row: (LEVELS.index(row.level), row.age_seconds)


def board_page(session: Session, query: BoardQuery, now: datetime, conditions: list
               ) -> tuple[Page[JeopardyBoardRow], int]:
    """A page of the board (orders in jeopardy; the filters need the assessment, so they apply in memory over
    the orders in flight) and how many orders could not be assessed."""
    assessed, unassessed = assess_in_flight(session, now, conditions)
    board = [row for row in assessed if _on_board(row, query, now)]
    escalations = jeopardy_alerts.open_escalations(session, [row.order.id for row in board])
    rows = [JeopardyBoardRow(**_jeopardy(row.order, row.result, row.tasks),
                     age_seconds=(now - row.order.order_date).total_seconds(),
                     escalated_to=escalations.get(row.order.id, [])) for row in board]
    rows.sort(key=_board_key(query), reverse=query.descending or not query.sort_key)
    return Page(rows[query.offset:query.offset + query.limit], len(rows)), len(unassessed)


def unassessed_page(session: Session, query: UnassessedQuery, now: datetime, conditions: list
                    ) -> Page[UnassessedOrderView]:
    found = sorted(assess_in_flight(session, now, conditions)[1], key=lambda row: row.order_id,
                   reverse=query.descending)
    return Page(found[query.offset:query.offset + query.limit], len(found))


ALERT_FILTERS = {"order_id": JeopardyAlert.order_id, "task_id": JeopardyAlert.task_id,
                 "level": JeopardyAlert.level, "scope": JeopardyAlert.scope,
                 "group": JeopardyAlert.assignment_group, "escalated_to": JeopardyAlert.escalated_to}


def alert_view(alert: JeopardyAlert) -> JeopardyAlertView:
    return JeopardyAlertView(id=alert.id, order_id=alert.order_id, task_id=alert.task_id, scope=alert.scope,
                     level=alert.level, previous_level=alert.previous_level, percent_of_sla=alert.percent,
                     assignment_group=alert.assignment_group, escalated_to=alert.escalated_to, reason=alert.reason,
                     actions=canonical(alert.actions or []), event_id=alert.event_id, created_at=alert.created_at,
                     acknowledged_by=alert.acknowledged_by, acknowledged_at=alert.acknowledged_at)


def alert_page(session: Session, query: AlertQuery, conditions: list) -> Page[JeopardyAlertView]:
    """Alerts matching the filters (of orders the caller sees), newest first unless sorted otherwise."""
    where = [column == getattr(query, name) for name, column in ALERT_FILTERS.items()
             if getattr(query, name) is not None] + list(conditions)
    if query.acknowledged is not None:
        where.append(JeopardyAlert.acknowledged_at.is_not(None) if query.acknowledged
                     else JeopardyAlert.acknowledged_at.is_(None))
    joined = select(JeopardyAlert).join(CustomerOrder, CustomerOrder.id == JeopardyAlert.order_id).where(*where)
    order = JeopardyAlert.created_at if query.sort == "createdAt" else JeopardyAlert.created_at.desc()
    rows = session.execute(joined.order_by(order, JeopardyAlert.id).offset(query.offset).limit(query.limit)
                           ).scalars().all()
    total = session.scalar(select(func.count()).select_from(JeopardyAlert)
                           .join(CustomerOrder, CustomerOrder.id == JeopardyAlert.order_id).where(*where))
    return Page([alert_view(a) for a in rows], total)


def alert(session: Session, alert_id: str) -> JeopardyAlertView:
    found = session.get(JeopardyAlert, alert_id)
    if found is None:
        raise NotFound(f"no jeopardy alert with id {alert_id}")
    return alert_view(found)
