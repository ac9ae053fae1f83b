"""Workspace API: task queues per assignment group, task actions, approvals, order timelines."""
from __future__ import annotations

from flask import Blueprint, g, request
from sqlalchemy import func, or_, select

from api.auth.scope import visible_or_404
from api.errors import ApiError
from api.paging import paging
from api.permissions import actor, requires
from api.roles import allowed
from api.runtime import runtime
from api.serializers.workspace import serialize_entry, serialize_task
from engine.runtime.orders import approvals as approval_inbox
from engine.runtime.tasks import waits, workspace
from engine.runtime.tasks.groups import Caller, groups_of
from engine.store.models import CustomerOrder, Task

bp = Blueprint("workspace", __name__, url_prefix="/api/v1")
TASK_FILTERS = {"group": Task.assignment_group, "state": Task.state, "assignee": Task.assignee,
                "type": Task.type, "orderId": Task.order_id}


def caller() -> Caller:
    """The acting user as the workspace sees it: managers (``task.assign``) oversee every group."""
    user = g.get("user")
    if user is None:
        return Caller(actor())
    return Caller(user.username, user.role, allowed(user.role, "task.assign"))


def _narrowed_to_groups(who: Caller) -> bool:
    """Agents (who work tasks but do not assign them) see the tasks of their groups and of no group."""
    return not who.unrestricted and allowed(who.role, "task.work")


def body() -> dict:
    data = request.get_json(silent=True)
    if data is None and not request.data:
        return {}
    if not isinstance(data, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON object")
    return data


@bp.get("/tasks")
@requires("task.read")
def task_queue():
    offset, limit = paging()
    conditions = [column == request.args[name] for name, column in TASK_FILTERS.items() if name in request.args]
    if "state" not in request.args:
        conditions.append(Task.state.in_(["waiting", "running"]))
    who = caller()
    with runtime().reading() as session:
        if _narrowed_to_groups(who):
            conditions.append(or_(Task.assignment_group.is_(None),
                                  Task.assignment_group.in_(sorted(groups_of(session, who.username)))))
        total = session.scalar(select(func.count()).select_from(Task).where(*conditions))
        tasks = session.execute(select(Task).where(*conditions).order_by(Task.due_at.is_(None), Task.due_at,
                                                                          Task.created_at, Task.id)
                                .offset(offset).limit(limit)).scalars().all()
        return {"total": total, "tasks": [serialize_task(t) for t in tasks]}


@bp.get("/tasks/<task_id>")
@requires("task.read")
def get_task(task_id: str):
    with runtime().reading() as session:
        task = session.get(Task, task_id)
        if task is None:
            raise ApiError(404, "Not Found", f"no task with id {task_id}")
        return serialize_task(task)


def _act(fn, *args):
    with runtime().unit_of_work(actor()) as uow:
        return serialize_task(fn(uow, *args))


@bp.post("/tasks/<task_id>/claim")
@requires("task.work")
def claim(task_id: str):
    return _act(workspace.claim, task_id, caller())


@bp.post("/tasks/<task_id>/start")
@requires("task.work")
def start(task_id: str):
    return _act(workspace.start, task_id, caller())


@bp.post("/tasks/<task_id>/complete")
@requires("task.work")
def complete(task_id: str):
    output = body().get("output", {})
    if not isinstance(output, dict):
        raise ApiError(400, "Bad Request", '"output" must be a JSON object')
    return _act(workspace.complete, task_id, caller(), output)


@bp.post("/tasks/<task_id>/reassign")
@requires("task.assign")
def reassign(task_id: str):
    data = body()
    if not data.get("group") and not data.get("assignee"):
        raise ApiError(400, "Bad Request", 'send {"group": ...} and/or {"assignee": ...}')
    for name in ("group", "assignee"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ApiError(400, "Bad Request", f'"{name}" must be a string')
    return _act(workspace.reassign, task_id, data.get("group"), data.get("assignee"))


@bp.post("/tasks/<task_id>/end-wait")
@requires("task.endWait")
def end_wait(task_id: str):
    """End a waiting waitUntil timer now, with a reason (audited); the order moves on."""
    return _act(waits.end_wait, task_id, actor(), body().get("reason"))


@bp.post("/tasks/<task_id>/notes")
@requires("task.work")
def note(task_id: str):
    text = body().get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request", 'send {"text": "..."}')
    return _act(workspace.add_note, task_id, caller(), text.strip())


@bp.get("/approvals")
@requires("approval.read")
def approvals():
    """Pending approvals, order-level and in-plan tasks, that the caller's role and groups may decide."""
    who = caller()
    deciding = who.role is not None and allowed(who.role, "approval.decide")
    with runtime().reading() as session:
        entries = approval_inbox.inbox(session, who, request.args.get("state", "pending"), request.args.get("role"),
                                       decidable_only=deciding)
        return {"approvals": [serialize_entry(e) for e in entries]}


def _decide(approval_id: str, approved: bool):
    comment = body().get("comment")
    if comment is not None and not isinstance(comment, str):
        raise ApiError(400, "Bad Request", '"comment" must be a string')
    with runtime().unit_of_work(actor()) as uow:
        return serialize_entry(approval_inbox.decide(uow, approval_id, caller(), approved, comment))


@bp.post("/approvals/<approval_id>/approve")
@requires("approval.decide")
def approve(approval_id: str):
    return _decide(approval_id, True)


@bp.post("/approvals/<approval_id>/reject")
@requires("approval.decide")
def reject(approval_id: str):
    return _decide(approval_id, False)


@bp.get("/orders/<order_id>/timeline")
@requires("order.read")
def timeline(order_id: str):
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "order")
        return workspace.timeline(session, order)

