"""The watchdog: nothing may be stuck silently.

Every minute it looks at the tasks that should be moving: a running auto task whose job is gone, failed
for good, finished without moving the task, or leased long past its lease; a timer whose wake-up job
is gone; a task running or waiting far past its expected duration (``spec.duration`` × a factor); a
ready task nothing starts. Each becomes one open fallout record of type ``stuck`` (no second one while
it is open); a ``stuck`` record whose task has moved on since is resolved as ``cleared``. Tasks still
held for a system whose breaker is closed again are released. Orders that nothing moves on get a
task-less ``stuck`` record too (``watchdog_orders``).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select

from engine.clock import iso
from engine.kinds.orchestration_plan.task_types import TaskType
from engine.lifecycle.circuit_breaker import CLOSED
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import records, watchdog_orders
from engine.runtime.jobs.periodic import WATCHDOG_SCAN, periodic
from engine.runtime.tasks.breakers import RELEASE_TASK
from engine.runtime.tasks.starting import RUN_TASK, WAKE_TASK
from engine.settings import variable
from engine.states import TASK, TaskState
from engine.store.models import FalloutRecord, HeldTask, Job, SystemBreaker, Task

WATCHED = (TaskState.READY, TaskState.RUNNING, TaskState.WAITING)


def settings() -> tuple[float, timedelta]:
    """(duration factor, grace): ``ORDO_WATCHDOG_DURATION_FACTOR`` (3), ``ORDO_WATCHDOG_GRACE`` seconds (600)."""
    return (float(variable("ORDO_WATCHDOG_DURATION_FACTOR") or 3),
            timedelta(seconds=float(variable("ORDO_WATCHDOG_GRACE") or 600)))


@periodic(WATCHDOG_SCAN)
def scan(uow: UnitOfWork) -> None:
    """Raise a ``stuck`` fallout record for each newly stuck task or order; clear those that moved on."""
    clear_moved_on(uow)
    release_orphans(uow)
    for task, reason in find_stuck(uow.session, uow.now):
        records.open_stuck(uow, task, reason)
    watchdog_orders.scan_orders(uow)


def job_key(task: Task) -> str | None:
    """The idempotency key of the job that should move this task on, if one should."""
    if task.state == TaskState.RUNNING and task.type == TaskType.AUTO:
        return f"{RUN_TASK}:{task.id}:{task.attempt}"
    if task.state == TaskState.WAITING and task.type == TaskType.WAIT_UNTIL:
        return f"{WAKE_TASK}:{task.id}"
    return None


def find_stuck(session, now: datetime) -> list[tuple[Task, str]]:
    """(task, why) for every watched task that is stuck and has no open fallout record."""
    owned = set(session.execute(select(FalloutRecord.task_id).where(FalloutRecord.state == records.OPEN)).scalars())
    tasks = [t for t in session.execute(select(Task).where(Task.state.in_(WATCHED)).order_by(Task.created_at))
             .scalars() if t.id not in owned]
    jobs = _jobs(session, [key for key in map(job_key, tasks) if key])
    stuck = []
    for task in tasks:
        key = job_key(task)
        reason = why_stuck(task, key is not None, jobs.get(key), now)
        if reason:
            stuck.append((task, reason))
    return stuck


def _jobs(session, keys: list[str]) -> dict[str, Job]:
    found: dict[str, Job] = {}
    for start in range(0, len(keys), 500):
        query = select(Job).where(Job.idempotency_key.in_(keys[start:start + 500]))
        found.update({job.idempotency_key: job for job in session.execute(query).scalars()})
    return found


def why_stuck(task: Task, needs_job: bool, job: Job | None, now: datetime) -> str | None:
    """Why this task is stuck, or None when it is moving (or may still be)."""
    factor, grace = settings()
    if needs_job:
        if job is None:
            return f"{task.state} task {task.key!r}: no job runs attempt {task.attempt}"
        if job.state == "failed":
            return f"{task.state} task {task.key!r}: its job failed for good: {job.last_error or 'no error'}"
        if job.state == "done":
            return f"{task.state} task {task.key!r}: its job finished but the task did not move on"
        if job.state == "leased" and job.leased_until is not None and now > job.leased_until + grace:
            return f"{task.state} task {task.key!r}: its job's lease ran out at {job.leased_until.isoformat()}"
        if job.state == "queued":
            return None
    if task.state == TaskState.READY:
        since = task.ready_at or task.created_at
        return f"task {task.key!r} ready since {since.isoformat()} and nothing starts it" \
            if now > since + grace else None
    duration = task.spec.get("duration")
    if duration and task.started_at and now > task.started_at + max(timedelta(seconds=duration) * factor, grace):
        return f"{task.state} task {task.key!r} since {task.started_at.isoformat()}, far past its expected " \
               f"duration of {timedelta(seconds=duration)}"
    return None


def release_orphans(uow: UnitOfWork) -> None:
    """Release tasks still held for a system whose breaker is closed (e.g. held while it was closing)."""
    query = select(HeldTask).outerjoin(SystemBreaker, HeldTask.system == SystemBreaker.system).where(
        or_(SystemBreaker.system.is_(None), SystemBreaker.state == CLOSED))
    for held in uow.session.execute(query).scalars():
        uow.enqueue(RELEASE_TASK, {"taskId": held.task_id},
                    key=f"{RELEASE_TASK}:{held.task_id}:{iso(held.held_at)}:watchdog")


def clear_moved_on(uow: UnitOfWork) -> None:
    """Resolve open ``stuck`` records whose task has completed, been skipped or cancelled since (or whose
    order has moved on, for a record without a task)."""
    stuck = uow.session.execute(select(FalloutRecord).where(FalloutRecord.state == records.OPEN,
                                                            FalloutRecord.type == records.STUCK)).scalars()
    for record in list(stuck):
        if record.task_id is None:
            watchdog_orders.clear_moved_on(uow, record)
            continue
        task = uow.session.get(Task, record.task_id)
        if task is not None and TASK.is_final(task.state):
            records.resolve(uow, record, "cleared", f"task is {task.state} now")
