"""Ending a ``waitUntil`` timer early: a manager says why, the task completes now and the order moves on.

The timer's wake-up job is cancelled in the same transaction (it would be a no-op anyway: a woken task that
is no longer waiting is left alone), so nothing fires for it later.
"""
from __future__ import annotations

from sqlalchemy import update

from engine.clock import iso
from engine.errors import Conflict, Invalid
from engine.kinds.orchestration_plan.task_types import TaskType
from engine.runtime.context import UnitOfWork
from engine.runtime.jobs import queue as jobs
from engine.runtime.orders.persistence import locked_task
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.runtime.tasks.outcomes import complete_task
from engine.runtime.tasks.starting import WAKE_TASK
from engine.states import TaskState
from engine.store.models import Job, Task


def end_wait(uow: UnitOfWork, task_id: str, user: str, reason: str | None) -> Task:
    """Complete the waiting ``waitUntil`` task ``task_id`` now, on ``user``'s word and ``reason``.

    Raises Invalid (422) without a reason, NotFound (404) for an unknown task and Conflict (409) when the
    task is not a ``waitUntil`` timer that is still waiting. Audited as ``task.waitEnded``."""
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid("ending a wait early needs a reason", errors=[
            {"pointer": "/reason", "code": "required", "message": 'send {"reason": "..."}: why the wait ends now'}])
    order, task = locked_task(uow.session, task_id)
    if task.type != TaskType.WAIT_UNTIL or task.state != TaskState.WAITING:
        raise Conflict(f"task {task.key!r} is a {task.state} {task.type} task: only a waiting waitUntil timer "
                       "can be ended early", type=task.type, state=task.state)
    due = task.due_at
    complete_task(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task,
                  {"endedEarlyBy": user, "reason": reason.strip(), "endedAt": iso(uow.now), "wasDueAt": iso(due)})
    _cancel_wake_job(uow, task)
    uow.audit("task.waitEnded", "task", task.id, {"orderId": order.id, "key": task.key, "by": user,
                                                  "reason": reason.strip(), "wasDueAt": iso(due)})
    advance_order(uow, order)
    return task


def _cancel_wake_job(uow: UnitOfWork, task: Task) -> None:
    """Mark the timer's queued wake-up job done; one already leased finds the task completed and does nothing."""
    uow.session.execute(update(Job).where(Job.idempotency_key == f"{WAKE_TASK}:{task.id}", Job.state == jobs.QUEUED)
                        .values(state=jobs.DONE, finished_at=uow.now, last_error="timer ended early"))
