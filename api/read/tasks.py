"""Tasks as the workspace shows them: the task queue of the caller's groups, one task, and task actions' bodies."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, PlainSerializer, model_validator
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, object_session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read import canonical
from api.read.task_outputs import output_schema
from engine.errors import NotFound
from engine.lifecycle.jeopardy import SlaTask, default_level, task_jeopardy
from engine.runtime.jeopardy.assess import jeopardy_rules
from engine.runtime.tasks.groups import Caller, groups_of
from engine.runtime.tasks.timeline import timeline_task
from engine.store.models import CustomerOrder, DomainOrder, Task

OPEN_STATES = ("waiting", "running")


JsonObject = Annotated[dict[str, Any], PlainSerializer(canonical, return_type=dict[str, Any])]


class TaskView(Model):
    id: str
    order_id: str
    domain_order_id: str
    key: str
    name: str
    type: str
    state: str
    handler: str | None
    assignment_group: str | None
    assignee: str | None
    attempt: int
    point_of_no_return: bool
    compensates: JsonObject | None = Field(description="the task this compensation undoes, and why")
    role: str | None
    work_type: str | None
    sla: float | None = Field(description="seconds")
    duration: float | None = Field(description="planned duration in seconds")
    depends_on: list[str] = Field(description="keys of the tasks of the same plan this one follows")
    waits_for: list[str]
    params: JsonObject
    output: JsonObject | None
    notes: list[JsonObject] = Field(description="{at, text, ...} in the order they were added")
    ready_at: Timestamp | None
    due_at: Timestamp | None
    started_at: Timestamp | None
    completed_at: Timestamp | None
    domain_order_ref: str | None = Field(description="the ref of the task's domain order")
    fulfilment_system: str | None = Field(description="the system the task's domain order is fulfilled by")
    output_schema: JsonObject | None = Field(
        description="JSON Schema of the output completing this task expects (None: not completed with a form)")


class TaskQueueRow(TaskView):
    """A task as the queue lists it: the view plus how far its SLA is used now and its jeopardy level."""

    order_external_id: str | None
    sla_percent: Decimal | None = Field(description="share of the SLA used now (a decimal string); None "
                                                    "without an SLA or before the task is ready")
    jeopardy: str | None = Field(description="the task's jeopardy level now (low, medium, high, critical)")


class TaskQuery(ListQuery):
    sort: sort_by("dueAt", "createdAt", "state", "id") | None = Field(
        None, description="default: due first (no due date last), then oldest")
    group: str | None = Field(None, description="assignment group key")
    state: str | None = Field(None, description="default: the open tasks (waiting or running)")
    assignee: str | None = None
    unassigned: bool | None = Field(None, description="true: only tasks nobody has claimed")
    type: str | None = None
    order_id: str | None = None


class CompleteTask(Model):
    output: dict[str, Any] = Field(default_factory=dict, description="what the work produced")


class Reassign(Model):
    group: str | None = Field(None, min_length=1, pattern=r"\S", description="the new assignment group")
    assignee: str | None = Field(None, min_length=1, pattern=r"\S", description="the new assignee")

    @model_validator(mode="after")
    def _one_of(self) -> Reassign:
        if not self.group and not self.assignee:
            raise ValueError("send a group and/or an assignee")
        return self


class TaskNote(Model):
    text: str = Field(min_length=1, pattern=r"\S")


class Reason(Model):
    reason: str | None = Field(None, description="why (kept in the audit trail)")


class EndWait(Model):
    reason: str = Field(min_length=1, pattern=r"\S", description="why the wait ends now (audited)")


def _task_fields(task: Task) -> dict[str, Any]:
    spec = task.spec or {}
    session = object_session(task)
    domain_order = session.get(DomainOrder, task.domain_order_id) if session is not None else None
    return dict(
        id=task.id, order_id=task.order_id, domain_order_id=task.domain_order_id, key=task.key, name=task.name,
        type=task.type, state=task.state, handler=task.handler, assignment_group=task.assignment_group,
        assignee=task.assignee, attempt=task.attempt, point_of_no_return=task.point_of_no_return,
        compensates=spec.get("compensates"), role=spec.get("role"), work_type=spec.get("workType"),
        sla=spec.get("sla"), duration=spec.get("duration"), depends_on=task.depends_on or [],
        waits_for=task.waits_for or [], params=task.params or {}, output=task.output, notes=task.notes or [],
        ready_at=task.ready_at, due_at=task.due_at, started_at=task.started_at, completed_at=task.completed_at,
        domain_order_ref=domain_order.ref if domain_order else None,
        fulfilment_system=domain_order.fulfilment_system if domain_order else None, output_schema=output_schema(task))


def task_view(task: Task) -> TaskView:
    """One task as the workspace shows it (the same at any moment, so its ETag changes only with the task)."""
    return TaskView(**_task_fields(task))


def queue_row(task: Task, order: CustomerOrder | None, now: datetime, level_for=default_level) -> TaskQueueRow:
    """A task of the queue with its SLA used now and its jeopardy level (``level_for``: the pack's levels)."""
    sla = (task.spec or {}).get("sla")
    session = object_session(task)
    domain_order = session.get(DomainOrder, task.domain_order_id)
    jeopardy = task_jeopardy(SlaTask(timeline_task(task, domain_order), task.ready_at,
                                     timedelta(seconds=sla) if sla else None), now, level_for)
    return TaskQueueRow(**_task_fields(task), order_external_id=order.external_id if order else None,
                        sla_percent=jeopardy.percent if jeopardy else None, jeopardy=jeopardy.level if jeopardy else None)


def find_task(session: Session, task_id: str) -> TaskView:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"no task with id {task_id}")
    return task_view(task)


def _conditions(session: Session, query: TaskQuery, who: Caller, narrowed: bool) -> list:
    filters = {Task.assignment_group: query.group, Task.state: query.state, Task.assignee: query.assignee,
               Task.type: query.type, Task.order_id: query.order_id}
    conditions = [column == value for column, value in filters.items() if value is not None]
    if query.state is None:
        conditions.append(Task.state.in_(OPEN_STATES))
    if query.unassigned is not None:
        conditions.append(Task.assignee.is_(None) if query.unassigned else Task.assignee.is_not(None))
    if narrowed:
        conditions.append(or_(Task.assignment_group.is_(None),
                              Task.assignment_group.in_(sorted(groups_of(session, who.username)))))
    return conditions


def _order(query: TaskQuery) -> tuple:
    if query.sort_key is None:
        return Task.due_at.is_(None), Task.due_at, Task.created_at, Task.id
    column = {"dueAt": Task.due_at, "createdAt": Task.created_at, "state": Task.state, "id": Task.id}[query.sort_key]
    return query.ordered(column), Task.id


def task_page(session: Session, query: TaskQuery, who: Caller, narrowed: bool, now: datetime
              ) -> Page[TaskQueueRow]:
    """The open tasks (or those in ``state``) matching the query; ``narrowed`` callers see only the tasks of
    their assignment groups and of no group. Their orders and domain orders are read in one query each."""
    conditions = _conditions(session, query, who, narrowed)
    total = session.scalar(select(func.count()).select_from(Task).where(*conditions))
    tasks = session.execute(select(Task).where(*conditions).order_by(*_order(query))
                            .offset(query.offset).limit(query.limit)).scalars().all()
    orders = {o.id: o for o in session.execute(
        select(CustomerOrder).where(CustomerOrder.id.in_({t.order_id for t in tasks}))).scalars()}
    session.execute(select(DomainOrder).where(DomainOrder.id.in_({t.domain_order_id for t in tasks}))).scalars().all()
    levels = {order.id: _level_for(session, order) for order in orders.values()}
    return Page([queue_row(t, orders.get(t.order_id), now, levels.get(t.order_id, default_level)) for t in tasks],
                total)


def _level_for(session: Session, order: CustomerOrder):
    rules = jeopardy_rules(session, order)
    return rules.level_for if rules is not None and getattr(rules, "levels", None) else default_level
