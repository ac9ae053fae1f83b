"""An order's timeline for the Gantt view: domain orders as summary rows, planned and actual start/end per
task, the critical path, jeopardy per task and domain order, and predicted against requested completion."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.contract import Model, Timestamp
from engine.lifecycle.jeopardy import OrderJeopardy
from engine.lifecycle.timeline import TimelineEntry
from engine.runtime.jeopardy.assess import order_jeopardy
from engine.runtime.tasks.timeline import order_plan
from engine.store.models import CustomerOrder, DomainOrder, Task

Marker = Literal["undo", "redo"]


class TimelineTaskView(Model):
    id: str
    key: str
    name: str
    type: str
    domain_order: str = Field(description="the ref of the task's domain order")
    domain_order_id: str
    state: str
    assignment_group: str | None
    planned_start: Timestamp
    planned_end: Timestamp
    actual_start: Timestamp | None
    actual_end: Timestamp | None
    depends_on: list[str] = Field(description="ids of the tasks it waits for")
    compensates: str | None = Field(description="the key of the task this compensation undoes")
    marker: Marker | None = Field(description="undo: a compensation; redo: work of a domain order that replaces "
                                              "one a revision undid")
    critical: bool = Field(description="on the critical path")
    point_of_no_return: bool
    sla_percent: Decimal | None = Field(description="share of the task's SLA used (a decimal string)")
    jeopardy: str | None = Field(description="the task's jeopardy level now")


class TimelineDomainOrderView(Model):
    id: str
    ref: str
    domain: str
    fulfilment_system: str | None
    state: str
    replaces: str | None = Field(description="the id of the domain order this one replaces (a revision's redo)")
    planned_start: Timestamp | None = Field(description="the earliest planned start of its tasks")
    planned_end: Timestamp | None = Field(description="the latest planned end of its tasks")
    jeopardy: str | None


class TimelineView(Model):
    order_id: str
    order_state: str
    start: Timestamp = Field(description="the order date")
    planned_end: Timestamp
    critical_path: list[str] = Field(description="task ids, in order")
    requested_completion: Timestamp | None = Field(description="the order's requestedCompletionDate")
    predicted_completion: Timestamp = Field(description="the planned end with the work not yet done from now on")
    late_by_seconds: float | None = Field(description="how far the prediction passes the requested date")
    jeopardy: str | None = Field(description="the order's jeopardy level now")
    domain_orders: list[TimelineDomainOrderView]
    tasks: list[TimelineTaskView]


def timeline_view(session: Session, order: CustomerOrder, now: datetime) -> TimelineView:
    """The order's timeline and its jeopardy at ``now`` (409 when its stored tasks cannot be planned)."""
    entries, critical = order_plan(session, order)
    assessed = order_jeopardy(session, order, now)
    domain_orders = list(session.execute(select(DomainOrder).where(DomainOrder.order_id == order.id)
                                         .order_by(DomainOrder.created_at, DomainOrder.id)).scalars())
    on_path = set(critical)
    stored = {t.id: t for t in session.execute(select(Task).where(Task.order_id == order.id)).scalars()}
    by_id = {d.id: d for d in domain_orders}
    return TimelineView(
        order_id=order.id, order_state=order.state, start=order.order_date, critical_path=critical,
        planned_end=max((e.planned_end for e in entries.values()), default=order.order_date),
        requested_completion=assessed.committed, predicted_completion=assessed.predicted_completion,
        late_by_seconds=assessed.late_by.total_seconds() if assessed.late_by else None, jeopardy=assessed.level,
        domain_orders=[_domain_order(d, entries, assessed) for d in domain_orders],
        tasks=[_task(e, stored[e.task.id], e.task.id in on_path, assessed, by_id.get(e.task.domain))
               for e in entries.values()])


def _task(entry: TimelineEntry, stored: Task, critical: bool, assessed: OrderJeopardy,
          domain_order: DomainOrder | None) -> TimelineTaskView:
    task = entry.task
    sla = next((j for j in assessed.tasks if j.task_id == task.id), None)
    marker = "undo" if task.compensates else ("redo" if domain_order is not None and _replaces(domain_order)
                                              else None)
    return TimelineTaskView(
        id=task.id, key=task.key, name=stored.name or task.key, type=stored.type, domain_order=task.domain_ref,
        domain_order_id=task.domain, state=task.state, assignment_group=stored.assignment_group,
        planned_start=entry.planned_start, planned_end=entry.planned_end, actual_start=task.started_at,
        actual_end=task.completed_at, depends_on=entry.predecessors, compensates=task.compensates, marker=marker,
        critical=critical, point_of_no_return=stored.point_of_no_return,
        sla_percent=sla.percent if sla else None, jeopardy=sla.level if sla else None)


def _replaces(domain_order: DomainOrder) -> str | None:
    return (domain_order.payload or {}).get("replaces")


def _domain_order(domain_order: DomainOrder, entries: dict[str, TimelineEntry],
                  assessed: OrderJeopardy) -> TimelineDomainOrderView:
    own = [e for e in entries.values() if e.task.domain == domain_order.id]
    return TimelineDomainOrderView(
        id=domain_order.id, ref=domain_order.ref, domain=domain_order.domain,
        fulfilment_system=domain_order.fulfilment_system, state=domain_order.state,
        replaces=_replaces(domain_order), planned_start=min((e.planned_start for e in own), default=None),
        planned_end=max((e.planned_end for e in own), default=None),
        jeopardy=assessed.domain_orders.get(domain_order.ref))
