"""Holding a task and releasing it: the jeopardy rules' ``hold`` and an agent's release.

A hold puts a person's waiting (or running) task or a running auto task ``onHold``, with a note saying
who held it and why (audited ``task.held``); with ``durationSeconds`` a ``task.holdOver`` job releases it
then. An agent releases a held task (``release``, audited ``task.released``): it is started again — a
person's task waits again for its group with its assignee and due date kept, an auto task runs again.
A task held by the fallout rules is released through its fallout record (retry, fix, force-complete).
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from engine.clock import iso
from engine.errors import Conflict
from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES, TaskType
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.persistence import find_locked_task, locked_task
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.runtime.tasks.starting import start_task
from engine.states import TASK, TaskState
from engine.store.models import FalloutRecord, HeldTask, Task

RELEASE = "task.holdOver"


def holdable(task: Task) -> bool:
    """A person's task that waits or runs, or an auto task that runs (timers and milestones are not held)."""
    if task.type in HUMAN_TYPES:
        return task.state in (TaskState.WAITING, TaskState.RUNNING)
    return task.type == TaskType.AUTO and task.state == TaskState.RUNNING


def hold(uow: UnitOfWork, task: Task, by: str, reason: str, source: dict, seconds: int | None = None) -> None:
    """Put ``task`` on hold (see ``holdable``); with ``seconds`` it is released again then."""
    task.state = TASK.check(task.state, TaskState.ON_HOLD)
    until = uow.now + timedelta(seconds=seconds) if seconds is not None else None
    hold_note = {"by": by, **source, **({"until": iso(until)} if until else {})}
    task.notes = [*task.notes, {"at": iso(uow.now), "text": f"held by {by}: {reason}", "hold": hold_note}]
    uow.audit("task.held", "task", task.id, {"orderId": task.order_id, "by": by, "reason": reason, **source,
                                             "until": iso(until)})
    if until is not None:
        uow.enqueue(RELEASE, {"taskId": task.id, "heldAt": iso(uow.now)}, key=f"{RELEASE}:{task.id}:{iso(uow.now)}",
                    run_at=until)


def release(uow: UnitOfWork, task_id: str, user: str, reason: str | None = None) -> Task:
    """An agent releases a held task: it starts again and the order runs on (409 when it is not held, or
    when an open fallout record owns the hold)."""
    order, task = locked_task(uow.session, task_id)
    if task.state != TaskState.ON_HOLD:
        raise Conflict(f"task {task.key!r} is {task.state}: only a held task can be released", state=task.state)
    record = _open_record(uow, task)
    if record is not None:
        raise Conflict(f"task {task.key!r} is held by fallout record {record.id}: retry, fix or force-complete "
                       f"the record", falloutId=record.id)
    _restart(uow, order, task, user, reason)
    return task


def release_when_due(uow: UnitOfWork, task_id: str, held_at: str) -> None:
    """The ``task.holdOver`` job: release the hold made at ``held_at`` if the task is still in it."""
    order, task = find_locked_task(uow.session, task_id)
    if task is None:
        return
    holds = [note for note in task.notes if isinstance(note, dict) and "hold" in note]
    if task.state != TaskState.ON_HOLD or not holds or holds[-1]["at"] != held_at or _open_record(uow, task):
        return
    _restart(uow, order, task, holds[-1]["hold"]["by"], "the hold is over")


def _open_record(uow: UnitOfWork, task: Task) -> FalloutRecord | None:
    return uow.session.execute(select(FalloutRecord).where(FalloutRecord.task_id == task.id,
                                                           FalloutRecord.state == "open")).scalars().first()


def _restart(uow: UnitOfWork, order, task: Task, by: str, reason: str | None) -> None:
    uow.session.execute(delete(HeldTask).where(HeldTask.task_id == task.id))
    task.state = TASK.check(task.state, TaskState.READY)
    due_at = task.due_at
    uow.audit("task.released", "task", task.id, {"orderId": task.order_id, "by": by, "reason": reason})
    start_task(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task)
    if task.type in HUMAN_TYPES:
        task.due_at = due_at or task.due_at
    advance_order(uow, order)
