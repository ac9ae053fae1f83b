"""What agents do to work orders: task queues (claim, start, complete, reassign, notes).

Every action locks the order, checks the transition, audits it and lets the order run on until blocked.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.clock import iso
from engine.errors import Conflict, Forbidden, Invalid
from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES, TaskType
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import persistence as orders
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.runtime.tasks.groups import Caller, check_member, groups_of
from engine.runtime.tasks.outcomes import complete_task
from engine.states import TASK, IllegalTransition, TaskState
from engine.store.models import Task, User


def _human(task: Task) -> None:
    if task.type not in HUMAN_TYPES:
        raise Conflict(f"task {task.key!r} is a {task.type} task: people do not work it", type=task.type)


def claim(uow: UnitOfWork, task_id: str, caller: Caller) -> Task:
    """Take a waiting task: a member of its group (or a manager) may, unless someone else holds it."""
    _, task = orders.locked_task(uow.session, task_id)
    _human(task)
    if task.state not in (TaskState.WAITING, TaskState.RUNNING):
        raise Conflict(f"task {task.key!r} is {task.state}: only waiting tasks can be claimed", state=task.state)
    _may_work(uow, task, caller, "claim")
    task.assignee = caller.username
    uow.audit("task.claimed", "task", task.id, {"assignee": caller.username})
    return task


def start(uow: UnitOfWork, task_id: str, caller: Caller) -> Task:
    _, task = orders.locked_task(uow.session, task_id)
    _human(task)
    _may_work(uow, task, caller, "start")
    _transition(task, TaskState.RUNNING)
    task.assignee = task.assignee or caller.username
    uow.audit("task.started", "task", task.id, {"by": caller.username})
    return task


def complete(uow: UnitOfWork, task_id: str, caller: Caller, output: dict) -> Task:
    """Finish a person's task with its output data, then let the order run on."""
    order, task = orders.locked_task(uow.session, task_id)
    _human(task)
    if task.state not in (TaskState.WAITING, TaskState.RUNNING):
        raise Conflict(f"task {task.key!r} is {task.state}: it cannot be completed", state=task.state)
    _may_work(uow, task, caller, "complete")
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    complete_task(ctx, task, {**output, "completedBy": caller.username})
    advance_order(uow, order)
    return task


def reassign(uow: UnitOfWork, task_id: str, group: str | None, assignee: str | None) -> Task:
    """Move a task to another group and/or person; the person must be a member of the task's group."""
    _, task = orders.locked_task(uow.session, task_id)
    _human(task)
    if TASK.is_final(task.state):
        raise Conflict(f"task {task.key!r} is {task.state}: nothing to reassign")
    target = group or task.assignment_group
    if assignee is not None:
        _check_assignee(uow, assignee, target)
    previous = {"group": task.assignment_group, "assignee": task.assignee}
    task.assignment_group, task.assignee = target, assignee
    uow.audit("task.reassigned", "task", task.id, {"from": previous, "group": task.assignment_group,
                                                   "assignee": assignee})
    return task


def add_note(uow: UnitOfWork, task_id: str, caller: Caller, text: str) -> Task:
    _, task = orders.locked_task(uow.session, task_id)
    _may_work(uow, task, caller, "annotate")
    task.notes = [*task.notes, {"at": iso(uow.now), "author": caller.username, "text": text}]
    uow.audit("task.noted", "task", task.id, {"author": caller.username})
    return task


def _may_work(uow: UnitOfWork, task: Task, caller: Caller, doing: str) -> None:
    """403 for a caller outside the task's group (or, on an approval task, of another role); 409 when
    another user holds the task."""
    check_member(uow.session, caller, task.assignment_group, f"{doing} task {task.key!r}")
    role = task.spec.get("role")
    if task.type == TaskType.APPROVAL and caller.role is not None and role and caller.role != role:
        raise Forbidden(f"task {task.key!r} is an approval for role {role!r}, not {caller.role!r}",
                        role=role)
    if task.assignee and task.assignee != caller.username:
        raise Conflict(f"task {task.key!r} is claimed by {task.assignee}: only they may {doing} it "
                       "(a manager can reassign it)", assignee=task.assignee)


def _check_assignee(uow: UnitOfWork, assignee: str, group: str | None) -> None:
    if uow.session.execute(select(User.id).where(User.username == assignee)).first() is None:
        raise Invalid(f"no user {assignee!r} to assign the task to",
                      errors=[{"pointer": "/assignee", "message": "unknown user"}])
    if group is not None and group not in groups_of(uow.session, assignee):
        raise Invalid(f"{assignee} is not a member of assignment group {group!r}",
                      errors=[{"pointer": "/assignee", "message": f"not a member of {group}"}])


def _transition(task: Task, target: TaskState) -> None:
    try:
        task.state = TASK.check(task.state, target)
    except IllegalTransition as error:
        raise Conflict(f"task {task.key!r} is {task.state}: cannot become {target}", state=task.state) from error
