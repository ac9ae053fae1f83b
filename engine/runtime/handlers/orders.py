"""Job handlers of the order pipeline: advance an order, run an out-of-line auto task, wake a timer."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.orders import ADVANCE, lock_order
from engine.runtime.packs import pack_view
from engine.runtime.pipeline import advance_by_id, advance_order
from engine.runtime.pipeline.context import StageContext
from engine.runtime.pipeline.task_types import RUN_TASK, WAKE_TASK, complete_task, run_auto
from engine.runtime.registry import job_handler
from engine.states import TaskState
from engine.store.models import Task


@job_handler(ADVANCE)
def advance(uow: UnitOfWork, payload: dict) -> None:
    advance_by_id(uow, payload["orderId"])


def _locked_task(uow: UnitOfWork, task_id: str):
    task = uow.session.get(Task, task_id)
    if task is None:
        return None, None
    order = lock_order(uow.session, task.order_id)
    uow.session.refresh(task)
    return order, task


@job_handler(RUN_TASK)
def run_task(uow: UnitOfWork, payload: dict) -> None:
    """Run a running auto task's handler for the attempt the job was queued for (once), then go on."""
    order, task = _locked_task(uow, payload["taskId"])
    if task is None or task.state != TaskState.RUNNING or task.attempt != payload.get("attempt", task.attempt):
        return
    run_auto(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task)
    advance_order(uow, order)


@job_handler(WAKE_TASK)
def wake_task(uow: UnitOfWork, payload: dict) -> None:
    order, task = _locked_task(uow, payload["taskId"])
    if task is None or task.state != TaskState.WAITING or task.type != "waitUntil":
        return
    complete_task(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task, {"wokeAt": uow.now.isoformat()})
    advance_order(uow, order)
