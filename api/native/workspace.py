"""Workspace API: task queues per assignment group, task actions, approvals, order timelines.

Task actions answer the task as ``GET /tasks/{id}`` does, with its ETag; a client that sends ``If-Match``
acts only on the task it read (412 when it changed since).
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, g, request

from api.contract import Page, endpoint, etag_of, require_if_match
from api.permissions import actor, requires
from api.read.approvals import ApprovalQuery, ApprovalView, Decision, approval_page, entry_view
from api.read.orders import visible_order
from api.read.tasks import (
    CompleteTask,
    EndWait,
    Reassign,
    TaskNote,
    TaskQuery,
    TaskView,
    find_task,
    task_page,
    task_view,
)
from api.read.timeline import TimelineView, timeline_view
from api.roles import allowed
from api.runtime import runtime
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import approvals as approval_inbox
from engine.runtime.orders.persistence import locked_task
from engine.runtime.tasks import waits, workspace
from engine.runtime.tasks.groups import Caller
from engine.store.models import Task

bp = Blueprint("workspace", __name__, url_prefix="/api/v1")


def caller() -> Caller:
    """The acting user as the workspace sees it: managers (``task.assign``) oversee every group."""
    user = g.get("user")
    if user is None:
        return Caller(actor())
    return Caller(user.username, user.role, allowed(user.role, "task.assign"))


def narrowed_to_groups(who: Caller) -> bool:
    """Agents (who work tasks but do not assign them) see the tasks of their groups and of no group."""
    return not who.unrestricted and allowed(who.role, "task.work")


@bp.get("/tasks")
@requires("task.read")
@endpoint(query=TaskQuery, response=list[TaskView], paged=True)
def task_queue(query: TaskQuery) -> Page[TaskView]:
    """The task queue: open tasks (or those in ``state``) of the caller's groups, due first."""
    who = caller()
    with runtime().reading() as session:
        return task_page(session, query, who, narrowed_to_groups(who))


@bp.get("/tasks/<task_id>")
@requires("task.read")
@endpoint(response=TaskView, etag=True)
def get_task(task_id: str) -> TaskView:
    """One task."""
    with runtime().reading() as session:
        return find_task(session, task_id)


def act(action: Callable[[UnitOfWork], Task], task_id: str) -> TaskView:
    """Run a task action in one unit of work and answer the task; with ``If-Match`` only on the task as read."""
    with runtime().unit_of_work(actor()) as uow:
        if request.headers.get("If-Match") is not None:
            _, task = locked_task(uow.session, task_id)
            require_if_match(etag_of(task_view(task), TaskView))
        return task_view(action(uow))


@bp.post("/tasks/<task_id>/claim")
@requires("task.work")
@endpoint(response=TaskView, etag=True)
def claim(task_id: str) -> TaskView:
    """Claim a task: the caller becomes its assignee."""
    return act(lambda uow: workspace.claim(uow, task_id, caller()), task_id)


@bp.post("/tasks/<task_id>/start")
@requires("task.work")
@endpoint(response=TaskView, etag=True)
def start(task_id: str) -> TaskView:
    """Start working a claimed task."""
    return act(lambda uow: workspace.start(uow, task_id, caller()), task_id)


@bp.post("/tasks/<task_id>/complete")
@requires("task.work")
@endpoint(body=CompleteTask, response=TaskView, etag=True)
def complete(task_id: str, body: CompleteTask) -> TaskView:
    """Complete a task with its output; the order runs on."""
    return act(lambda uow: workspace.complete(uow, task_id, caller(), body.output), task_id)


@bp.post("/tasks/<task_id>/reassign")
@requires("task.assign")
@endpoint(body=Reassign, response=TaskView, etag=True)
def reassign(task_id: str, body: Reassign) -> TaskView:
    """Move a task to another assignment group and/or assignee."""
    return act(lambda uow: workspace.reassign(uow, task_id, body.group, body.assignee), task_id)


@bp.post("/tasks/<task_id>/end-wait")
@requires("task.endWait")
@endpoint(body=EndWait, response=TaskView, etag=True)
def end_wait(task_id: str, body: EndWait) -> TaskView:
    """End a waiting waitUntil timer now, with a reason (audited); the order moves on."""
    return act(lambda uow: waits.end_wait(uow, task_id, actor(), body.reason), task_id)


@bp.post("/tasks/<task_id>/notes")
@requires("task.work")
@endpoint(body=TaskNote, response=TaskView, etag=True)
def note(task_id: str, body: TaskNote) -> TaskView:
    """Add a work note to a task."""
    return act(lambda uow: workspace.add_note(uow, task_id, caller(), body.text.strip()), task_id)


@bp.get("/approvals")
@requires("approval.read")
@endpoint(query=ApprovalQuery, response=list[ApprovalView], paged=True)
def approvals(query: ApprovalQuery) -> Page[ApprovalView]:
    """Approvals, order-level and in-plan tasks; deciders see those their role and groups may decide."""
    who = caller()
    deciding = who.role is not None and allowed(who.role, "approval.decide")
    with runtime().reading() as session:
        return approval_page(session, query, who, deciding)


def _decide(approval_id: str, approved: bool, comment: str | None) -> ApprovalView:
    with runtime().unit_of_work(actor()) as uow:
        return entry_view(approval_inbox.decide(uow, approval_id, caller(), approved, comment))


@bp.post("/approvals/<approval_id>/approve")
@requires("approval.decide")
@endpoint(body=Decision, response=ApprovalView)
def approve(approval_id: str, body: Decision) -> ApprovalView:
    """Approve: the order goes on to decomposition, an approval task completes."""
    return _decide(approval_id, True, body.comment)


@bp.post("/approvals/<approval_id>/reject")
@requires("approval.decide")
@endpoint(body=Decision, response=ApprovalView)
def reject(approval_id: str, body: Decision) -> ApprovalView:
    """Reject: the order ends rejected, an approval task fails into fallout."""
    return _decide(approval_id, False, body.comment)


@bp.get("/orders/<order_id>/timeline")
@requires("order.read")
@endpoint(response=TimelineView, etag=True)
def timeline(order_id: str) -> TimelineView:
    """Planned and actual start/end per task, dependencies and the critical path (the Gantt view)."""
    with runtime().reading() as session:
        return timeline_view(session, visible_order(session, order_id))

