"""Job handlers of the circuit breakers: probe a system after its cool-down, release its held tasks."""
from __future__ import annotations

from datetime import timedelta

from engine.clock import iso
from engine.lifecycle.circuit_breaker import OPEN
from engine.runtime.context import UnitOfWork
from engine.runtime.jobs.registry import job_handler
from engine.runtime.orders.persistence import lock_order
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.tasks.breakers import PROBE, RELEASE, RELEASE_TASK, held_tasks
from engine.states import TASK, TaskState
from engine.store.models import HeldTask, SystemBreaker, Task


@job_handler(PROBE)
def probe(uow: UnitOfWork, payload: dict) -> None:
    """After the cool-down, let the longest-held task of an open system through (it becomes the probe)."""
    row = uow.session.get(SystemBreaker, payload["system"])
    if row is None or row.state != OPEN or row.forced_down or row.opened_at is None:
        return
    due = row.opened_at + timedelta(seconds=row.cool_down_seconds)
    if uow.now < due:
        uow.enqueue(PROBE, payload, key=f"{PROBE}:{row.system}:{iso(row.opened_at)}", run_at=due)
        return
    first = held_tasks(uow.session, row.system, limit=1)
    if first:
        release_task(uow, first[0].task_id)


@job_handler(RELEASE)
def release_system(uow: UnitOfWork, payload: dict) -> None:
    """Queue the release of every task the system holds, one job per task (one order lock each)."""
    for held in held_tasks(uow.session, payload["system"]):
        uow.enqueue(RELEASE_TASK, {"taskId": held.task_id}, key=f"{RELEASE_TASK}:{held.task_id}:{iso(held.held_at)}")


@job_handler(RELEASE_TASK)
def release_one(uow: UnitOfWork, payload: dict) -> None:
    release_task(uow, payload["taskId"])


def release_task(uow: UnitOfWork, task_id: str) -> None:
    """A held task goes back to ready and its order runs on (its system's breaker decides again)."""
    held = uow.session.get(HeldTask, task_id)
    if held is None:
        return
    order = lock_order(uow.session, held.order_id)
    task = uow.session.get(Task, task_id)
    uow.session.refresh(task)
    uow.session.delete(held)
    if task.state != TaskState.ON_HOLD:
        return
    task.state = TASK.check(task.state, TaskState.READY)
    uow.audit("task.released", "task", task.id, {"orderId": order.id, "system": held.system})
    uow.session.flush()
    advance_order(uow, order)
