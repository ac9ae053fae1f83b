"""``task.run``: run one ready auto task, then release what depended on it."""
from __future__ import annotations

from sqlalchemy import select

from engine.runtime.context import UnitOfWork
from engine.runtime.orders import ADVANCE, lock_order
from engine.runtime.registry import job_handler
from engine.runtime.task_handlers import TaskContext, task_handler_for
from engine.states import DOMAIN_ORDER, TASK, DomainOrderState, TaskState
from engine.store.models import DomainOrder, Task

RUN_TASK = "task.run"


@job_handler(RUN_TASK)
def run_task(uow: UnitOfWork, payload: dict) -> None:
    task = uow.session.get(Task, payload["taskId"])
    if task is None:
        return
    order = lock_order(uow.session, task.order_id)
    uow.session.refresh(task)
    if task.state != TaskState.READY:
        return
    run = task_handler_for(task.handler)
    task.state = TASK.check(task.state, TaskState.RUNNING)
    task.attempt += 1
    task.started_at = uow.now
    output = run(TaskContext(uow, order, task))
    _complete(uow, task, output)


def _complete(uow: UnitOfWork, task: Task, output: dict | None) -> None:
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.output, task.completed_at = output or {}, uow.now
    uow.audit("task.completed", "task", task.id, {"orderId": task.order_id, "key": task.key})
    siblings = uow.session.execute(select(Task).where(Task.domain_order_id == task.domain_order_id)).scalars().all()
    done = {t.key for t in siblings if t.state in (TaskState.COMPLETED, TaskState.SKIPPED)}
    for other in siblings:
        if other.state == TaskState.PENDING and set(other.depends_on) <= done:
            other.state = TASK.check(other.state, TaskState.READY)
            uow.enqueue(RUN_TASK, {"taskId": other.id}, key=f"{RUN_TASK}:{other.id}:1")
    if all(TASK.is_final(t.state) for t in siblings):
        domain_order = uow.session.get(DomainOrder, task.domain_order_id)
        domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.COMPLETED)
        domain_order.updated_at = uow.now
        uow.enqueue(ADVANCE, {"orderId": task.order_id})
