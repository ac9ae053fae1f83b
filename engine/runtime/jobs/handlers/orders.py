"""Job handlers of the order pipeline: advance an order, run an out-of-line auto task, wake a timer."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.orders import ADVANCE, find_locked_task
from engine.runtime.packs import pack_view
from engine.runtime.pipeline import advance_by_id, advance_order
from engine.runtime.pipeline.context import StageContext
from engine.runtime.pipeline.task_types import RUN_TASK, WAKE_TASK, complete_task, run_auto
from engine.runtime.registry import job_handler
from engine.states import TaskState


@job_handler(ADVANCE)
def advance(uow: UnitOfWork, payload: dict) -> None:
    advance_by_id(uow, payload["orderId"])


@job_handler(RUN_TASK)
def run_task(uow: UnitOfWork, payload: dict) -> None:
    """Run a running auto task's handler for the attempt the job was queued for (once), then go on."""
    order, task = find_locked_task(uow.session, payload["taskId"])
    if task is None or task.state != TaskState.RUNNING or task.attempt != payload.get("attempt", task.attempt):
        return
    run_auto(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task)
    advance_order(uow, order)


@job_handler(WAKE_TASK)
def wake_task(uow: UnitOfWork, payload: dict) -> None:
    order, task = find_locked_task(uow.session, payload["taskId"])
    if task is None or task.state != TaskState.WAITING or task.type != "waitUntil":
        return
    complete_task(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task, {"wokeAt": uow.now.isoformat()})
    advance_order(uow, order)
