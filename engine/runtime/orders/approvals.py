"""One approvals inbox: order-level approvals (the approval policy) and approval tasks of orchestration plans.

Each pending approval is addressed to a role and, for a plan task, possibly to an assignment group; only a
caller of that role (and a member of that group) may decide it. Approving an order lets it go on to
decomposition, rejecting it ends the order ``rejected``; approving a task completes it, rejecting it fails
the task and hands it to the pack's fallout rules.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import Conflict, Forbidden, NotFound
from engine.kinds.orchestration_plan.task_types import TaskType
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import rules as fallout
from engine.runtime.orders.persistence import lock_order, locked_task
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.reject import reject
from engine.runtime.packs import pack_view
from engine.runtime.tasks.groups import Caller, groups_of
from engine.runtime.tasks.outcomes import complete_task
from engine.states import Stage, TaskState
from engine.store.models import Approval, Task

ORDER, TASK = "order", "task"
PENDING = "pending"
TASK_STATES = {PENDING: (TaskState.WAITING, TaskState.RUNNING), "approved": (TaskState.COMPLETED,),
               "rejected": (TaskState.FAILED, TaskState.ON_HOLD), "withdrawn": (TaskState.CANCELLED,)}
STATE_OF_TASK = {task_state: state for state, task_states in TASK_STATES.items() for task_state in task_states}


@dataclass(frozen=True)
class Entry:
    """One approval of the inbox: ``kind`` says whether ``subject`` is an ``Approval`` or a ``Task``."""

    kind: str
    subject: Approval | Task

    @property
    def role(self) -> str | None:
        return self.subject.role if self.kind == ORDER else self.subject.spec.get("role")

    @property
    def group(self) -> str | None:
        return None if self.kind == ORDER else self.subject.assignment_group

    @property
    def state(self) -> str:
        return self.subject.state if self.kind == ORDER else STATE_OF_TASK.get(self.subject.state, self.subject.state)


def refusal(session: Session, caller: Caller, role: str | None, group: str | None) -> str | None:
    """Why ``caller`` may not decide an approval addressed to ``role`` and ``group`` (None: it may)."""
    if caller.role is None:
        return None
    if role and caller.role != role:
        return f"it is addressed to role {role!r}, not {caller.role!r}"
    if group and group not in groups_of(session, caller.username):
        return f"it is addressed to assignment group {group!r} and {caller.username} is not a member"
    return None


def inbox(session: Session, caller: Caller, state: str = PENDING, role: str | None = None,
          decidable_only: bool = True) -> list[Entry]:
    """The approvals in ``state`` (order-level and in-plan), oldest first; with ``decidable_only`` only those
    ``caller``'s role and groups may decide."""
    orders = select(Approval).where(Approval.state == state).order_by(Approval.created_at, Approval.id)
    entries = [Entry(ORDER, a) for a in session.execute(orders).scalars()]
    tasks = select(Task).where(Task.type == TaskType.APPROVAL, Task.state.in_(TASK_STATES.get(state, ())))
    entries += [Entry(TASK, t) for t in session.execute(tasks.order_by(Task.created_at, Task.id)).scalars()]
    entries = [e for e in entries if role is None or e.role == role]
    if decidable_only:
        entries = [e for e in entries if refusal(session, caller, e.role, e.group) is None]
    return sorted(entries, key=lambda e: created_at(e))


def created_at(entry: Entry):
    subject = entry.subject
    return subject.created_at if entry.kind == ORDER else (subject.started_at or subject.created_at)


def decide(uow: UnitOfWork, approval_id: str, caller: Caller, approved: bool, comment: str | None) -> Entry:
    """Approve or reject the order-level approval or the approval task ``approval_id`` as ``caller``."""
    if uow.session.get(Approval, approval_id) is not None:
        return Entry(ORDER, _decide_order(uow, approval_id, caller, approved, comment))
    task = uow.session.get(Task, approval_id)
    if task is None or task.type != TaskType.APPROVAL:
        raise NotFound(f"no approval with id {approval_id}")
    return Entry(TASK, _decide_task(uow, approval_id, caller, approved, comment))


def _refuse(uow: UnitOfWork, caller: Caller, entry: Entry, approval_id: str) -> None:
    reason = refusal(uow.session, caller, entry.role, entry.group)
    if reason:
        raise Forbidden(f"{caller.username} may not decide approval {approval_id}: {reason}",
                        role=entry.role, group=entry.group)


def _decide_order(uow: UnitOfWork, approval_id: str, caller: Caller, approved: bool, comment: str | None):
    approval = uow.session.get(Approval, approval_id)
    order = lock_order(uow.session, approval.order_id)
    uow.session.refresh(approval)
    _refuse(uow, caller, Entry(ORDER, approval), approval_id)
    if approval.state != PENDING or order.stage != Stage.AWAITING_APPROVAL:
        raise Conflict(f"approval {approval_id} is {approval.state}: it was already decided", state=approval.state)
    approval.state = "approved" if approved else "rejected"
    approval.decided_by, approval.decided_at, approval.comment = caller.username, uow.now, comment
    uow.audit(f"approval.{approval.state}", "productOrder", order.id,
              {"approvalId": approval.id, "kind": ORDER, "by": caller.username})
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    if approved:
        ctx.move_to(Stage.DECOMPOSING)
        advance_order(uow, order)
    else:
        reject(ctx, [_not_approved(caller, comment)])
    return approval


def _decide_task(uow: UnitOfWork, task_id: str, caller: Caller, approved: bool, comment: str | None) -> Task:
    order, task = locked_task(uow.session, task_id)
    _refuse(uow, caller, Entry(TASK, task), task_id)
    if task.state not in TASK_STATES[PENDING]:
        raise Conflict(f"approval task {task.key!r} is {task.state}: it is not pending", state=task.state)
    if task.assignee and task.assignee != caller.username:
        raise Conflict(f"approval task {task.key!r} is claimed by {task.assignee}: only they may decide it",
                       assignee=task.assignee)
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    uow.audit(f"approval.{'approved' if approved else 'rejected'}", "productOrder", order.id,
              {"approvalId": task.id, "kind": TASK, "taskKey": task.key, "by": caller.username})
    task.assignee = task.assignee or caller.username
    if approved:
        complete_task(ctx, task, {"approved": True, "decidedBy": caller.username, "comment": comment})
    else:
        error = _not_approved(caller, comment)
        fallout.carry_out(ctx, task, fallout.plan_for(ctx, task, error), error)
    advance_order(uow, order)
    return task


def _not_approved(caller: Caller, comment: str | None) -> str:
    return f"not approved by {caller.username}" + (f": {comment}" if comment else "")
