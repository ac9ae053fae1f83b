"""How a ready task starts, by type: auto, manual, workOrder, approval, milestone, waitUntil."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine.runtime import breakers, events
from engine.runtime.pipeline.context import StageContext
from engine.runtime.task_handlers import TaskContext, TaskFailed, task_handler_for
from engine.states import TASK, TaskState
from engine.store.models import Task

RUN_TASK = "task.run"
WAKE_TASK = "task.wake"
HUMAN_TYPES = frozenset({"manual", "workOrder", "approval"})


def start_task(ctx: StageContext, task: Task) -> None:
    """Start a ready task; inline auto handlers and milestones finish at once, people and timers wait."""
    task.started_at = task.started_at or ctx.now
    if task.type == "auto":
        _start_auto(ctx, task)
    elif task.type == "milestone":
        complete_task(ctx, task, {"milestone": task.spec.get("milestone") or task.key})
        ctx.uow.audit("order.milestone", "productOrder", ctx.order.id,
                      {"milestone": task.spec.get("milestone") or task.key, "taskId": task.id})
        events.milestone_reached(ctx.uow, ctx.order, task.spec.get("milestone") or task.key, task.id)
    elif task.type in HUMAN_TYPES:
        task.state = TASK.check(task.state, TaskState.WAITING)
        sla = task.spec.get("sla")
        task.due_at = ctx.now + timedelta(seconds=sla) if sla else None
        ctx.uow.audit("task.assigned", "task", task.id, {"orderId": ctx.order.id, "group": task.assignment_group,
                                                         "role": task.spec.get("role")})
    elif task.type == "waitUntil":
        task.state = TASK.check(task.state, TaskState.WAITING)
        wake = _wake_time(ctx, task)
        task.due_at = wake
        ctx.uow.enqueue(WAKE_TASK, {"taskId": task.id}, key=f"{WAKE_TASK}:{task.id}", run_at=wake)
    else:
        fail_task(ctx, task, f"unknown task type {task.type!r}")


def _wake_time(ctx: StageContext, task: Task) -> datetime:
    """``until`` (an ISO date-time the plan computed) when given and parseable, else now + ``wait``."""
    until = task.spec.get("until")
    if isinstance(until, str):
        try:
            moment = datetime.fromisoformat(until.replace("Z", "+00:00"))
            return max(ctx.now, moment if moment.tzinfo else moment.replace(tzinfo=UTC))
        except ValueError:
            pass
    return ctx.now + timedelta(seconds=task.spec.get("wait") or 0)


def _start_auto(ctx: StageContext, task: Task) -> None:
    handler = task_handler_for(task.handler)
    task.state = TASK.check(task.state, TaskState.RUNNING)
    task.attempt += 1
    if not handler.inline:
        ctx.uow.enqueue(RUN_TASK, {"taskId": task.id, "attempt": task.attempt},
                        key=f"{RUN_TASK}:{task.id}:{task.attempt}")
        return
    run_auto(ctx, task)


def run_auto(ctx: StageContext, task: Task) -> None:
    """Run the task's handler now; success completes it, failure retries per policy or fails it.

    While the breaker of the task's system is open the handler is not called: the task is held (as it is
    when its failure opens the breaker)."""
    handler = task_handler_for(task.handler)
    system = breakers.system_of(ctx.uow.session, task)
    if not breakers.admit(ctx.uow, task, system):
        breakers.hold(ctx.uow, task, system)
        return
    try:
        output = handler.run(TaskContext(ctx.uow, ctx.order, task))
    except TaskFailed as error:
        if breakers.record(ctx.uow, system, str(error)):
            breakers.hold(ctx.uow, task, system)
        else:
            _retry_or_fail(ctx, task, str(error), permanent=error.permanent)
        return
    breakers.record(ctx.uow, system, None)
    complete_task(ctx, task, output)


def _retry_or_fail(ctx: StageContext, task: Task, error: str, permanent: bool = False) -> None:
    """The plan's retry policy first (not for a permanent refusal); when it is used up, the pack's fallout
    rules decide."""
    retry = task.spec.get("retry") or {}
    if not permanent and task.attempt < int(retry.get("maxAttempts") or 1):
        delay = float(retry.get("backoff") or 0) * float(retry.get("multiplier") or 1) ** (task.attempt - 1)
        if retry.get("maxBackoff"):
            delay = min(delay, float(retry["maxBackoff"]))
        _schedule_retry(ctx, task, error, timedelta(seconds=delay))
        return
    from engine.runtime import fallout

    plan = fallout.plan_for(ctx, task, error)
    if plan.retry_after is not None:
        _schedule_retry(ctx, task, error, plan.retry_after)
        fallout.announce(ctx, task, plan, error)
        return
    fallout.carry_out(ctx, task, plan, error)


def _schedule_retry(ctx: StageContext, task: Task, error: str, delay: timedelta) -> None:
    task.state = TASK.check(task.state, TaskState.READY)
    task.state = TASK.check(task.state, TaskState.RUNNING)
    task.attempt += 1
    task.notes = [*task.notes, {"at": ctx.now.isoformat(), "text": f"attempt {task.attempt - 1} failed: {error}"}]
    ctx.uow.enqueue(RUN_TASK, {"taskId": task.id, "attempt": task.attempt},
                    key=f"{RUN_TASK}:{task.id}:{task.attempt}", run_at=ctx.now + delay)


def complete_task(ctx: StageContext, task: Task, output: dict | None) -> None:
    if task.state == TaskState.READY:
        task.state = TASK.check(task.state, TaskState.RUNNING)
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.output, task.completed_at = output or {}, ctx.now
    ctx.uow.audit("task.completed", "task", task.id, {"orderId": ctx.order.id, "key": task.key})


def fail_task(ctx: StageContext, task: Task, error: str) -> None:
    if task.state == TaskState.PENDING:
        task.state = TASK.check(task.state, TaskState.READY)
    if task.state == TaskState.READY:
        task.state = TASK.check(task.state, TaskState.RUNNING)
    task.state = TASK.check(task.state, TaskState.FAILED)
    task.output = {"error": error}
    ctx.uow.audit("task.failed", "task", task.id, {"orderId": ctx.order.id, "key": task.key, "error": error})
    events.task_failed(ctx.uow, ctx.order, task.key, error)
