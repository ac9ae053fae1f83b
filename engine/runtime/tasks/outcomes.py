"""How a task ends: completed with its output, or failed with its error (audited; a failure is announced)."""
from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm.attributes import flag_modified

from engine.runtime.events import outbox as events
from engine.runtime.orders.pipeline.context import StageContext
from engine.states import TASK, TaskState
from engine.store.models import Task


def complete_task(ctx: StageContext, task: Task, output: dict | None) -> None:
    """Complete the task with ``output`` (a ready one runs first)."""
    if task.state == TaskState.READY:
        task.state = TASK.check(task.state, TaskState.RUNNING)
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.output, task.completed_at = output or {}, ctx.now
    ctx.uow.audit("task.completed", "task", task.id, {"orderId": ctx.order.id, "key": task.key})


def fail_task(ctx: StageContext, task: Task, error: str) -> None:
    """Fail the task with ``error`` (a pending or ready one runs first) and announce it."""
    if task.state == TaskState.PENDING:
        task.state = TASK.check(task.state, TaskState.READY)
    if task.state == TaskState.READY:
        task.state = TASK.check(task.state, TaskState.RUNNING)
    task.state = TASK.check(task.state, TaskState.FAILED)
    task.output = {"error": error}
    ctx.uow.audit("task.failed", "task", task.id, {"orderId": ctx.order.id, "key": task.key, "error": error})
    events.task_failed(ctx.uow, ctx.order, task.key, error)


def write_alike(rows) -> None:
    """Have the stored rows changed since the last flush written with one set of columns: a column that one of
    them changed is written for each (with its value, changed or not; one not loaded is left out), so the flush
    sends one batched UPDATE instead of one per set of changed columns."""
    changed = {id(row): _changed_columns(row) for row in rows}
    every = set().union(*changed.values())
    for row in rows:
        loaded = inspect(row).dict
        for key in every - changed[id(row)] if changed[id(row)] else ():
            if key in loaded:
                flag_modified(row, key)


def _changed_columns(row) -> set[str]:
    state = inspect(row)
    if not state.persistent or not state.committed_state:
        return set()
    columns = state.mapper.column_attrs
    return {key for key in state.committed_state if key in columns and state.attrs[key].history.has_changes()}
