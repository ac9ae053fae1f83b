"""Stored tasks as the timeline sees them, and an order's planned timeline for the Gantt view.

One mapping for the timeline and for jeopardy's prediction: a compensation carries the task it undoes
and the cancellation or revision that planned it (and waits only for the compensations it names, not
for its domain order's dependencies); a replacement carries the domain order it replaces; a timer ends
at the wake time stored on the task (``due_at`` once it waits, else its plan's ``until`` or ``wait``),
so a wait that is ended early moves the plan with it; cancelled and skipped work has ended.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Conflict
from engine.kinds.orchestration_plan.task_types import TaskType
from engine.lifecycle.timeline import TimelineEntry, TimelineTask, plan_timeline
from engine.states import TaskState
from engine.store.models import CustomerOrder, DomainOrder, Task


def timeline_task(task: Task, domain_order: DomainOrder) -> TimelineTask:
    """The timeline's view of a stored task of ``domain_order``."""
    spec = task.spec or {}
    compensates = spec.get("compensates") or {}
    waits = tuple(task.waits_for) + (() if compensates else tuple(domain_order.depends_on or ()))
    return TimelineTask(task.id, task.key, domain_order.ref, task.state, _duration(task), tuple(task.depends_on),
                        waits, task.started_at, ended_at(task), domain_id=domain_order.id,
                        created_at=task.created_at, wake_at=wake_at(task), compensates=compensates.get("key"),
                        batch=spec.get("cause") if compensates else None,
                        replaces=None if compensates or task.depends_on else (domain_order.payload or {}).get(
                            "replaces"))


def wake_at(task: Task) -> datetime | None:
    """When a timer ends: the wake time stored when it started waiting, else its plan's ``until``."""
    if task.type != TaskType.WAIT_UNTIL:
        return None
    if task.started_at is not None and task.due_at is not None:
        return task.due_at
    return _moment((task.spec or {}).get("until"))


def ended_at(task: Task) -> datetime | None:
    """When the task ended: completed; skipped when it was created; cancelled when the note says so."""
    if task.completed_at is not None or task.state not in (TaskState.SKIPPED, TaskState.CANCELLED):
        return task.completed_at
    if task.state == TaskState.SKIPPED:
        return task.created_at
    noted = [_moment(note.get("at")) for note in task.notes or [] if isinstance(note, dict)]
    return max([moment for moment in noted if moment is not None] or [task.started_at or task.created_at])


def _duration(task: Task) -> timedelta:
    spec = task.spec or {}
    if task.state == TaskState.SKIPPED or (task.type == TaskType.WAIT_UNTIL and task.started_at is not None and task.due_at):
        return timedelta(0)
    if task.type == TaskType.WAIT_UNTIL and _moment(spec.get("until")) is None:
        return timedelta(seconds=spec.get("wait") or spec.get("duration") or 0)
    return timedelta(seconds=spec.get("duration") or 0)


def _moment(text) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def order_plan(session: Session, order: CustomerOrder) -> tuple[dict[str, TimelineEntry], list[str]]:
    """Planned and actual start/end per task id of the order, and the ids of its critical path (the Gantt view)."""
    domain_orders = {d.id: d for d in session.execute(select(DomainOrder).where(DomainOrder.order_id == order.id))
                     .scalars()}
    tasks = session.execute(select(Task).where(Task.order_id == order.id).order_by(Task.created_at, Task.id)).scalars()
    try:
        return plan_timeline([timeline_task(t, domain_orders[t.domain_order_id]) for t in tasks], order.order_date)
    except ValueError as error:
        raise Conflict(f"the timeline of order {order.id} cannot be planned: its stored tasks form a {error}",
                       orderId=order.id) from error
