"""Job handlers of the order pipeline: advance an order, run an out-of-line auto task, wake a timer."""
from __future__ import annotations

from engine.kinds.orchestration_plan.task_types import TaskType
from engine.runtime.context import UnitOfWork
from engine.runtime.jobs.registry import job_handler
from engine.runtime.orders.persistence import ADVANCE, find_locked_task
from engine.runtime.orders.pipeline.advance import advance_by_id, advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.runtime.tasks.outcomes import complete_task
from engine.runtime.tasks.starting import RUN_TASK, WAKE_TASK, run_auto
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
    if task is None or task.state != TaskState.WAITING or task.type != TaskType.WAIT_UNTIL:
        return
    complete_task(StageContext(uow, order, pack_view(uow.session, order.pack_id)), task, {"wokeAt": uow.now.isoformat()})
    advance_order(uow, order)
