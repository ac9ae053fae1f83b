"""Workspace API: task queues per assignment group, task actions, approvals, order timelines.

Task actions answer the task as ``GET /tasks/{id}`` does, with its ETag; a client that sends ``If-Match``
acts only on the task it read (412 when it changed since).
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, g, request

from api.contract import Page, endpoint, etag_of, require_if_match
from api.permissions import actor, requires
from api.read.approvals import (
    ApprovalQuery,
    ApprovalView,
    DecideMany,
    DecideManyResult,
    Decision,
    DecisionOutcome,
    approval_page,
    entry_view,
)
from api.read.orders import visible_order
from api.read.task_outputs import check_output
from api.read.tasks import (
    CompleteTask,
    EndWait,
    Reassign,
    TaskNote,
    TaskQuery,
    TaskQueueRow,
    TaskView,
    find_task,
    task_page,
    task_view,
)
from api.read.timeline import TimelineView, timeline_view
from api.roles import allowed
from api.runtime import runtime
from engine.errors import Conflict, Forbidden, NotFound
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import approvals as approval_inbox
from engine.runtime.orders.persistence import locked_task
from engine.runtime.tasks import waits, workspace
from engine.runtime.tasks.groups import Caller, check_member
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
@endpoint(query=TaskQuery, response=list[TaskQueueRow], paged=True)
def task_queue(query: TaskQuery) -> Page[TaskQueueRow]:
    """The task queue: open tasks (or those in ``state``) of the caller's groups, due first, with the SLA
    used now and the jeopardy level of each."""
    who = caller()
    with runtime().reading() as session:
        return task_page(session, query, who, narrowed_to_groups(who), runtime().clock.now())


@bp.get("/tasks/<task_id>")
@requires("task.read")
@endpoint(response=TaskView, etag=True)
def get_task(task_id: str) -> TaskView:
    """One task; an agent reads only the tasks of its groups (and of no group): 403 for another group's."""
    who = caller()
    with runtime().reading() as session:
        view = find_task(session, task_id)
        if narrowed_to_groups(who):
            check_member(session, who, view.assignment_group, f"read task {view.key!r}")
        return view


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
    """Complete a task with its output (checked against the task's ``outputSchema``: 422 with pointers under
    ``/output``); the order runs on."""
    def completing(uow: UnitOfWork) -> Task:
        task = workspace.complete(uow, task_id, caller(), body.output)
        check_output(task, body.output)
        return task
    return act(completing, task_id)


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


OUTCOMES = ((Forbidden, "forbidden"), (NotFound, "notFound"), (Conflict, "conflict"))


def _decide_one(approval_id: str, approved: bool, comment: str | None) -> DecisionOutcome:
    """Decide one approval in its own transaction; a refusal becomes its outcome, not the request's."""
    try:
        view = _decide(approval_id, approved, comment)
    except (Forbidden, NotFound, Conflict) as error:
        outcome = next(name for kind, name in OUTCOMES if isinstance(error, kind))
        return DecisionOutcome(id=approval_id, outcome=outcome, status=error.status, detail=error.message,
                               approval=None)
    return DecisionOutcome(id=approval_id, outcome="decided", status=200, detail=None, approval=view)


@bp.post("/approvals/decide")
@requires("approval.decide")
@endpoint(body=DecideMany, response=DecideManyResult)
def decide_many(body: DecideMany) -> DecideManyResult:
    """Approve or reject several approvals with one comment, each in its own transaction: one outcome per id
    (decided, forbidden for another role or group, conflict when already decided, notFound)."""
    results = [_decide_one(approval_id, body.decision == "approve", body.comment)
               for approval_id in dict.fromkeys(body.ids)]
    return DecideManyResult(decided=sum(r.outcome == "decided" for r in results), results=results)


@bp.get("/orders/<order_id>/timeline")
@requires("order.read")
@endpoint(response=TimelineView, etag=True)
def timeline(order_id: str) -> TimelineView:
    """Planned and actual start/end per task, dependencies, the critical path, domain orders as summary rows,
    jeopardy and predicted against requested completion (the Gantt view)."""
    with runtime().reading() as session:
        return timeline_view(session, visible_order(session, order_id), runtime().clock.now())

