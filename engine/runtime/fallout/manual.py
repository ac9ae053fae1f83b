"""A manual fallout: an agent working a task raises a fallout record on it by hand.

The task goes on hold (as the fallout rules' ``hold`` does) and a record opens for the default fallout group,
with the type, reason and priority the agent gave; the fallout agents then retry, fix or force-complete it
through the record. Only a member of the task's group (or a manager) may raise it (403).
"""
from __future__ import annotations

import uuid

from sqlalchemy import select

from engine.errors import Conflict
from engine.lifecycle.fallout import DEFAULT_FALLOUT
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout.records import OPEN
from engine.runtime.orders.persistence import locked_task
from engine.runtime.tasks import holds
from engine.runtime.tasks.groups import Caller, check_member
from engine.store.models import FalloutRecord, Task

MANUAL = "manual"


def raise_fallout(uow: UnitOfWork, task_id: str, caller: Caller, fallout_type: str, reason: str,
                  priority: int | None = None) -> FalloutRecord:
    """Hold ``task_id`` and open a fallout record on it (audited ``task.held`` and ``fallout.opened``);
    409 when the task is not worked now or already has an open record."""
    _, task = locked_task(uow.session, task_id)
    check_member(uow.session, caller, task.assignment_group, f"raise a fallout on task {task.key!r}")
    if task.assignee and task.assignee != caller.username and not caller.unrestricted:
        raise Conflict(f"task {task.key!r} is claimed by {task.assignee}: only they (or a manager) may raise a "
                       "fallout on it", assignee=task.assignee)
    _check_open(uow, task)
    state = task.state
    holds.hold(uow, task, caller.username, reason, {"fallout": MANUAL})
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=task.order_id, task_id=task.id, type=fallout_type,
        priority=priority or DEFAULT_FALLOUT["priority"], assignment_group=DEFAULT_FALLOUT["assignmentGroup"],
        state=OPEN, error=reason, details={"raisedBy": caller.username, "manual": True, "taskState": state,
                                           "attempt": task.attempt, "hold": True}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": task.order_id, "taskId": task.id,
                                                      "type": fallout_type, "group": record.assignment_group,
                                                      "reason": reason, "raisedBy": caller.username,
                                                      "manual": True})
    return record


def _check_open(uow: UnitOfWork, task: Task) -> None:
    if not holds.holdable(task):
        raise Conflict(f"task {task.key!r} is {task.state}: a fallout is raised on a task being worked",
                       state=task.state)
    found = uow.session.execute(select(FalloutRecord.id).where(FalloutRecord.task_id == task.id,
                                                               FalloutRecord.state == OPEN)).scalar()
    if found is not None:
        raise Conflict(f"task {task.key!r} already has open fallout record {found}", falloutId=found)
