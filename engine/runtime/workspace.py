"""What agents do to work orders: task queues (claim, start, complete, reassign, notes) and approvals.

Every action locks the order, checks the transition, audits it and lets the order run on until blocked.
"""
from __future__ import annotations

from engine.clock import iso
from engine.errors import Conflict, NotFound
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import lock_order
from engine.runtime.packs import pack_view
from engine.runtime.pipeline import advance_order
from engine.runtime.pipeline.context import StageContext
from engine.runtime.pipeline.reject import reject
from engine.runtime.pipeline.task_types import HUMAN_TYPES, complete_task
from engine.runtime.timeline import order_timeline
from engine.states import TASK, IllegalTransition, TaskState
from engine.store.models import Approval, CustomerOrder, Task


def _locked_task(uow: UnitOfWork, task_id: str) -> tuple[CustomerOrder, Task]:
    task = uow.session.get(Task, task_id)
    if task is None:
        raise NotFound(f"no task with id {task_id}")
    order = lock_order(uow.session, task.order_id)
    uow.session.refresh(task)
    return order, task


def _human(task: Task) -> None:
    if task.type not in HUMAN_TYPES:
        raise Conflict(f"task {task.key!r} is a {task.type} task: people do not work it", type=task.type)


def claim(uow: UnitOfWork, task_id: str, user: str) -> Task:
    _, task = _locked_task(uow, task_id)
    _human(task)
    if task.state not in (TaskState.WAITING, TaskState.RUNNING):
        raise Conflict(f"task {task.key!r} is {task.state}: only waiting tasks can be claimed", state=task.state)
    if task.assignee and task.assignee != user:
        raise Conflict(f"task {task.key!r} is already claimed by {task.assignee}", assignee=task.assignee)
    task.assignee = user
    uow.audit("task.claimed", "task", task.id, {"assignee": user})
    return task


def start(uow: UnitOfWork, task_id: str, user: str) -> Task:
    _, task = _locked_task(uow, task_id)
    _human(task)
    _transition(task, TaskState.RUNNING)
    task.assignee = task.assignee or user
    uow.audit("task.started", "task", task.id, {"by": user})
    return task


def complete(uow: UnitOfWork, task_id: str, user: str, output: dict) -> Task:
    """Finish a person's task with its output data, then let the order run on."""
    order, task = _locked_task(uow, task_id)
    _human(task)
    if task.state not in (TaskState.WAITING, TaskState.RUNNING):
        raise Conflict(f"task {task.key!r} is {task.state}: it cannot be completed", state=task.state)
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    complete_task(ctx, task, {**output, "completedBy": user})
    advance_order(uow, order)
    return task


def reassign(uow: UnitOfWork, task_id: str, group: str | None, assignee: str | None) -> Task:
    _, task = _locked_task(uow, task_id)
    _human(task)
    if TASK.is_final(task.state):
        raise Conflict(f"task {task.key!r} is {task.state}: nothing to reassign")
    previous = {"group": task.assignment_group, "assignee": task.assignee}
    task.assignment_group, task.assignee = group or task.assignment_group, assignee
    uow.audit("task.reassigned", "task", task.id, {"from": previous, "group": task.assignment_group,
                                                   "assignee": assignee})
    return task


def add_note(uow: UnitOfWork, task_id: str, user: str, text: str) -> Task:
    _, task = _locked_task(uow, task_id)
    task.notes = [*task.notes, {"at": iso(uow.now), "author": user, "text": text}]
    uow.audit("task.noted", "task", task.id, {"author": user})
    return task


def _transition(task: Task, target: TaskState) -> None:
    try:
        task.state = TASK.check(task.state, target)
    except IllegalTransition as error:
        raise Conflict(f"task {task.key!r} is {task.state}: cannot become {target}", state=task.state) from error


def decide_approval(uow: UnitOfWork, approval_id: str, user: str, approved: bool, comment: str | None) -> Approval:
    """Approve (the order goes on to decomposition) or reject (the order ends ``rejected``)."""
    approval = uow.session.get(Approval, approval_id)
    if approval is None:
        raise NotFound(f"no approval with id {approval_id}")
    order = lock_order(uow.session, approval.order_id)
    uow.session.refresh(approval)
    if approval.state != "pending" or order.stage != "awaitingApproval":
        raise Conflict(f"approval {approval_id} is {approval.state}: it was already decided", state=approval.state)
    approval.state = "approved" if approved else "rejected"
    approval.decided_by, approval.decided_at, approval.comment = user, uow.now, comment
    uow.audit(f"approval.{approval.state}", "productOrder", order.id, {"approvalId": approval.id, "by": user})
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    if approved:
        ctx.move_to("decomposing")
        advance_order(uow, order)
    else:
        reject(ctx, [f"not approved by {user}" + (f": {comment}" if comment else "")])
    return approval


def timeline(session, order: CustomerOrder) -> dict:
    """Planned and actual start/end per task, dependencies and the critical path, for a Gantt chart."""
    return order_timeline(session, order)
