"""Jeopardy of stored orders: their tasks' SLA clocks and the predicted completion (read-only)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.lifecycle.jeopardy import OrderJeopardy, SlaTask, assess, default_level
from engine.lifecycle.timeline import TimelineTask
from engine.runtime.packs import pack_view
from engine.states import TaskState
from engine.store.models import CustomerOrder, DomainOrder, Task


def order_jeopardy(session: Session, order: CustomerOrder, now: datetime) -> OrderJeopardy:
    """Assess one order with the levels of its pinned pack's jeopardy rules (or the defaults)."""
    domain_orders = {d.id: d for d in session.execute(select(DomainOrder).where(DomainOrder.order_id == order.id))
                     .scalars()}
    tasks = session.execute(select(Task).where(Task.order_id == order.id)).scalars()
    sla_tasks = [SlaTask(_timeline(t, domain_orders[t.domain_order_id]), t.ready_at,
                         timedelta(seconds=t.spec["sla"]) if t.spec.get("sla") else None) for t in tasks]
    return assess(sla_tasks, now, order.order_date, _committed(order), _levels(session, order))


def _timeline(task: Task, domain_order: DomainOrder) -> TimelineTask:
    duration = 0 if task.state == TaskState.SKIPPED else (task.spec.get("duration") or 0)
    completed = task.completed_at or (task.created_at if task.state == TaskState.SKIPPED else None)
    return TimelineTask(task.id, task.key, domain_order.ref, task.state, timedelta(seconds=duration),
                        tuple(task.depends_on), tuple(task.waits_for) + tuple(domain_order.depends_on),
                        task.started_at, completed)


def _committed(order: CustomerOrder) -> datetime | None:
    text = order.payload.get("requestedCompletionDate")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if isinstance(text, str) else None
    except ValueError:
        return None


def _levels(session: Session, order: CustomerOrder):
    rules = pack_view(session, order.pack_id).compiled_binding("jeopardy")
    return rules.level_for if rules is not None and getattr(rules, "levels", None) else default_level
