"""How a ready task starts, by its type (``engine.kinds.orchestration_plan.task_types``), and how an auto task
runs: its handler, the breaker of its system, the plan's retry policy, then the fallout rules."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES, TaskType
from engine.runtime.events import outbox as events
from engine.runtime.fallout import rules as fallout
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.tasks import breakers
from engine.runtime.tasks.handlers import builtin  # noqa: F401  (registers the built-in auto-task handlers)
from engine.runtime.tasks.handlers.registry import TaskContext, TaskFailed, task_handler_for
from engine.runtime.tasks.outcomes import complete_task, fail_task
from engine.states import TASK, TaskState
from engine.store.models import Task

RUN_TASK = "task.run"
WAKE_TASK = "task.wake"


def start_task(ctx: StageContext, task: Task) -> None:
    """Start a ready task by its type; inline auto handlers and milestones finish at once, people and timers
    wait."""
    task.started_at = task.started_at or ctx.now
    start = STARTS.get(task.type)
    if start is None:
        fail_task(ctx, task, f"unknown task type {task.type!r}")
    else:
        start(ctx, task)


def read_breakers(ctx: StageContext, tasks: list[Task]) -> None:
    """Read, in one query, the breakers of the systems that the open inline auto tasks among ``tasks`` call."""
    breakers.read_all(ctx.uow.session, [
        breakers.system_of(ctx.uow.session, task) for task in tasks
        if task.type == TaskType.AUTO and task.state in (TaskState.PENDING, TaskState.READY)
        and task_handler_for(task.handler).inline])


def _reach_milestone(ctx: StageContext, task: Task) -> None:
    milestone = task.spec.get("milestone") or task.key
    complete_task(ctx, task, {"milestone": milestone})
    ctx.uow.audit("order.milestone", "productOrder", ctx.order.id, {"milestone": milestone, "taskId": task.id})
    events.milestone_reached(ctx.uow, ctx.order, milestone, task.id)


def _assign(ctx: StageContext, task: Task) -> None:
    task.state = TASK.check(task.state, TaskState.WAITING)
    sla = task.spec.get("sla")
    task.due_at = ctx.now + timedelta(seconds=sla) if sla else None
    ctx.uow.audit("task.assigned", "task", task.id, {"orderId": ctx.order.id, "group": task.assignment_group,
                                                     "role": task.spec.get("role")})


def _set_timer(ctx: StageContext, task: Task) -> None:
    task.state = TASK.check(task.state, TaskState.WAITING)
    wake = _wake_time(ctx, task)
    task.due_at = wake
    ctx.uow.enqueue(WAKE_TASK, {"taskId": task.id}, key=f"{WAKE_TASK}:{task.id}", run_at=wake)


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
        output = handler.run(TaskContext(ctx.uow, ctx.order, task, ctx))
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


STARTS = {TaskType.AUTO: _start_auto, TaskType.MILESTONE: _reach_milestone, TaskType.WAIT_UNTIL: _set_timer,
          **{kind: _assign for kind in HUMAN_TYPES}}
