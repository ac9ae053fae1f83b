"""Jeopardy of stored orders: their tasks' SLA clocks and the predicted completion (read-only).

``assess_orders`` loads the tasks and domain orders of many orders in two queries, for the board and
the periodic scan; ``order_jeopardy`` assesses one order.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Conflict
from engine.lifecycle.jeopardy import OrderJeopardy, SlaTask, assess, default_level
from engine.runtime.packs import pack_view
from engine.runtime.tasks.timeline import timeline_task
from engine.store.models import CustomerOrder, DomainOrder, Task


@dataclass(frozen=True)
class Assessed:
    """One order's jeopardy with the rows it was computed from."""

    order: CustomerOrder
    result: OrderJeopardy
    tasks: dict[str, Task]
    domain_orders: dict[str, DomainOrder]


def order_jeopardy(session: Session, order: CustomerOrder, now: datetime) -> OrderJeopardy:
    """Assess one order with the levels of its pinned pack's jeopardy rules (or the defaults); Conflict when its
    stored tasks cannot be planned (a dependency cycle)."""
    try:
        return assess_orders(session, [order], now)[0].result
    except ValueError as error:
        raise Conflict(f"the jeopardy of order {order.id} cannot be assessed from its stored tasks: {error}",
                       orderId=order.id) from error


def assess_orders(session: Session, orders: list[CustomerOrder], now: datetime,
                  on_error: Callable[[CustomerOrder, Exception], None] | None = None) -> list[Assessed]:
    """Assess several orders, loading their tasks and domain orders in one query each.

    With ``on_error``, an order that cannot be assessed is handed to it and left out, and the others are
    assessed all the same; without, the error is raised."""
    ids = [order.id for order in orders]
    domain_orders = {d.id: d for d in session.execute(select(DomainOrder).where(DomainOrder.order_id.in_(ids)))
                     .scalars()}
    tasks: dict[str, list[Task]] = defaultdict(list)
    for task in session.execute(select(Task).where(Task.order_id.in_(ids)).order_by(Task.created_at, Task.id)
                                ).scalars():
        tasks[task.order_id].append(task)
    levels: dict[int | None, object] = {}
    found = []
    for order in orders:
        try:
            found.append(_assess(session, order, tasks.get(order.id, []), domain_orders, levels, now))
        except Exception as error:
            if on_error is None:
                raise
            on_error(order, error)
    return found


def _assess(session: Session, order: CustomerOrder, own: list[Task], domain_orders: dict[str, DomainOrder],
            levels: dict, now: datetime) -> Assessed:
    if order.pack_id not in levels:
        levels[order.pack_id] = _levels(session, order)
    sla_tasks = [SlaTask(timeline_task(t, domain_orders[t.domain_order_id]), t.ready_at,
                         timedelta(seconds=t.spec["sla"]) if t.spec.get("sla") else None) for t in own]
    result = assess(sla_tasks, now, order.order_date, committed_date(order), levels[order.pack_id])
    return Assessed(order, result, {t.id: t for t in own},
                    {t.domain_order_id: domain_orders[t.domain_order_id] for t in own})


def committed_date(order: CustomerOrder) -> datetime | None:
    """The order's ``requestedCompletionDate``, or None when absent or not a date-time."""
    text = order.payload.get("requestedCompletionDate")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")) if isinstance(text, str) else None
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _levels(session: Session, order: CustomerOrder):
    rules = jeopardy_rules(session, order)
    return rules.level_for if rules is not None and getattr(rules, "levels", None) else default_level


def jeopardy_rules(session: Session, order: CustomerOrder):
    """The compiled ``jeopardy_rules`` the order's pinned pack binds, or None."""
    return pack_view(session, order.pack_id).compiled_binding("jeopardy") if order.pack_id is not None else None
