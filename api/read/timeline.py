"""An order's timeline for the Gantt view: planned and actual start/end per task and the critical path."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy.orm import Session

from api.contract import Model, Timestamp
from engine.runtime.tasks.timeline import order_plan
from engine.store.models import CustomerOrder


class TimelineTaskView(Model):
    id: str
    key: str
    domain_order: str = Field(description="the ref of the task's domain order")
    state: str
    planned_start: Timestamp
    planned_end: Timestamp
    actual_start: Timestamp | None
    actual_end: Timestamp | None
    depends_on: list[str] = Field(description="ids of the tasks it waits for")
    compensates: str | None = Field(description="the key of the task this compensation undoes")
    critical: bool = Field(description="on the critical path")


class TimelineView(Model):
    order_id: str
    start: Timestamp = Field(description="the order date")
    planned_end: Timestamp
    critical_path: list[str] = Field(description="task ids, in order")
    tasks: list[TimelineTaskView]


def timeline_view(session: Session, order: CustomerOrder) -> TimelineView:
    entries, critical = order_plan(session, order)
    on_path = set(critical)
    return TimelineView(
        order_id=order.id, start=order.order_date, critical_path=critical,
        planned_end=max((e.planned_end for e in entries.values()), default=order.order_date),
        tasks=[TimelineTaskView(id=e.task.id, key=e.task.key, domain_order=e.task.domain_ref, state=e.task.state,
                                planned_start=e.planned_start, planned_end=e.planned_end,
                                actual_start=e.task.started_at, actual_end=e.task.completed_at,
                                depends_on=e.predecessors, compensates=e.task.compensates,
                                critical=e.task.id in on_path) for e in entries.values()])
