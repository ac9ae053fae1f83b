"""What agents do with fallout records (what the rules do is ``engine.runtime.fallout.rules``): list them,
and the actions that resolve them: retry, force-complete, fix data and resume, fail the item. A record without a task (a stuck order) can only be retried (the order
is advanced again) or have its order cancelled. Agents act on the records of their assignment groups (and on
records of no group); managers on all (``engine.runtime.tasks.groups.check_member``)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import delete

from engine.errors import Conflict, Forbidden, Invalid, NotFound, OrdoError
from engine.lifecycle.items import item_characteristics, with_characteristics
from engine.lifecycle.merge_patch import merge_patch
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout.records import OPEN, resolve
from engine.runtime.jobs import queue as jobs
from engine.runtime.orders.cancellation import cancel_order
from engine.runtime.orders.persistence import ADVANCE, lock_order
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.failing import fail_domain_order
from engine.runtime.packs import pack_view
from engine.runtime.tasks.groups import Caller, check_member
from engine.runtime.tasks.starting import start_task
from engine.states import DOMAIN_ORDER, PRODUCT_ORDER, TASK, IllegalTransition, TaskState
from engine.store.models import DomainOrder, FalloutRecord, HeldTask, Task

log = logging.getLogger("ordo.fallout")


def release_held(uow: UnitOfWork, record_id: str, by: str) -> None:
    """The end of a rules' timed hold: retry the task when its record is still open and the task held."""
    record = uow.session.get(FalloutRecord, record_id)
    if record is None or record.state != OPEN:
        return
    ctx, record, task = _locked_record(uow, record_id)
    if task is not None and task.state == TaskState.ON_HOLD:
        _retry(ctx, record, task, "the hold the fallout rules set is over", by=by)


def _locked_record(uow: UnitOfWork, record_id: str, caller: Caller | None = None,
                   doing: str = "work") -> tuple[StageContext, FalloutRecord, Task | None]:
    """The open record (404, 409 when resolved) with its order locked; 403 for a ``caller`` outside its group
    (``caller`` None: the system acts, as the rules' timed release does)."""
    record = uow.session.get(FalloutRecord, record_id)
    if record is None:
        raise NotFound(f"no fallout record with id {record_id}")
    if caller is not None:
        check_member(uow.session, caller, record.assignment_group, f"{doing} fallout {record_id}")
    order = lock_order(uow.session, record.order_id)
    uow.session.refresh(record)
    if record.state != OPEN:
        raise Conflict(f"fallout {record_id} is already {record.state} ({record.resolution})", state=record.state)
    task = uow.session.get(Task, record.task_id) if record.task_id else None
    if task is not None:
        uow.session.refresh(task)
    return StageContext(uow, order, pack_view(uow.session, order.pack_id)), record, task


def _task_of(record: FalloutRecord, task: Task | None, action: str) -> Task:
    """The record's task; a record about a whole order (no task) cannot be acted on task by task (409)."""
    if task is None:
        raise Conflict(f"fallout {record.id} is about order {record.order_id}, not a task: there is no task to "
                       f"{action}; retry the record (the order is advanced again) or cancel the order",
                       state=record.state)
    return task


def _to_ready(uow: UnitOfWork, task: Task) -> None:
    """A failed, stuck or held task back to ready; a finished one cannot run again."""
    if TASK.is_final(task.state) or task.state == TaskState.PENDING:
        raise Conflict(f"task {task.key} is {task.state}: there is nothing to run again", state=task.state)
    if task.state == TaskState.WAITING:
        task.state = TASK.check(task.state, TaskState.FAILED)
    if task.state == TaskState.ON_HOLD:
        uow.session.execute(delete(HeldTask).where(HeldTask.task_id == task.id))
        uow.audit("task.released", "task", task.id, {"orderId": task.order_id, "by": "fallout"})
    task.state = TASK.check(task.state, TaskState.READY)


def retry(uow: UnitOfWork, record_id: str, caller: Caller | None = None) -> FalloutRecord:
    """Run the failed (or held) task again now (its attempt count goes on), then let the order run on; for a
    record without a task, queue the order's ``order.advance`` again; for a ``job.failed`` record, queue its
    stopped job again. ``caller`` must be a member of the
    record's group (or a manager)."""
    ctx, record, task = _locked_record(uow, record_id, caller, "retry")
    if (record.details or {}).get("jobId") is not None:
        _retry_job(ctx, record)
    elif task is None:
        _retry_order(ctx, record)
    else:
        _retry(ctx, record, task, None)
    return record


def _retry_order(ctx: StageContext, record: FalloutRecord) -> None:
    """A record about a whole order: queue the order's advance again (409 when the order has ended)."""
    if PRODUCT_ORDER.is_final(ctx.order.state):
        raise Conflict(f"order {ctx.order.id} is {ctx.order.state}: there is nothing to advance",
                       state=ctx.order.state)
    resolve(ctx.uow, record, "retried", None)
    ctx.uow.enqueue(ADVANCE, {"orderId": ctx.order.id}, key=f"{ADVANCE}:{ctx.order.id}:fallout:{record.id}")


def _retry_job(ctx: StageContext, record: FalloutRecord) -> None:
    """A ``job.failed`` record: queue its stopped job again (409 when the order has ended or the job is not
    failed any more)."""
    if PRODUCT_ORDER.is_final(ctx.order.state):
        raise Conflict(f"order {ctx.order.id} is {ctx.order.state}: there is nothing to run again",
                       state=ctx.order.state)
    if not jobs.requeue_failed(ctx.uow.session, record.details["jobId"], ctx.now):
        raise Conflict(f"job {record.details['jobId']} of fallout {record.id} is not failed: it cannot be queued "
                       "again", state=record.state)
    resolve(ctx.uow, record, "retried", None)


def _retry(ctx: StageContext, record: FalloutRecord, task: Task, reason: str | None, by: str | None = None) -> None:
    _to_ready(ctx.uow, task)
    resolve(ctx.uow, record, "retried", reason, by=by)
    start_task(ctx, task)
    advance_order(ctx.uow, ctx.order)


def force_complete(uow: UnitOfWork, record_id: str, reason: str, caller: Caller | None = None) -> FalloutRecord:
    """Complete the failed task without doing it (the reason is kept), then let the order run on."""
    ctx, record, task = _locked_record(uow, record_id, caller, "force-complete")
    task = _task_of(record, task, "force complete")
    if task.state == TaskState.ON_HOLD:
        _to_ready(uow, task)
        task.state = TASK.check(task.state, TaskState.RUNNING)
    if not TASK.can(task.state, TaskState.COMPLETED):
        raise Conflict(f"task {task.key} is {task.state}: it cannot be completed", state=task.state)
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.output, task.completed_at = {"forced": True, "reason": reason, "by": uow.actor}, uow.now
    resolve(uow, record, "forceCompleted", reason)
    advance_order(uow, ctx.order)
    return record


def fix_and_resume(uow: UnitOfWork, record_id: str, params: dict | None, lines: dict | None,
                   reason: str | None = None, caller: Caller | None = None) -> FalloutRecord:
    """Merge-patch the task's params (and its domain order's line characteristics), then retry the task."""
    ctx, record, task = _locked_record(uow, record_id, caller, "fix")
    task = _task_of(record, task, "fix")
    domain_order = uow.session.get(DomainOrder, task.domain_order_id)
    before = {"params": task.params, "lines": (domain_order.payload or {}).get("lines") or []}
    task.params = merge_patch(task.params or {}, params or {})
    items = {}
    if lines:
        domain_order.payload = {**domain_order.payload, "lines": _patched_lines(before["lines"], lines)}
        items = _correct_order_items(uow, ctx.order, before["lines"], lines)
    uow.audit("fallout.fixed", "fallout", record.id, {
        "taskId": task.id, "reason": reason, "before": before,
        "after": {"params": task.params, "lines": domain_order.payload.get("lines") or []}, "items": items})
    _retry(ctx, record, task, reason or "data fixed")
    return record


def _correct_order_items(uow: UnitOfWork, order, lines: list[dict], patches: dict) -> dict:
    """Carry a line fix onto the order item the line comes from, for the characteristics the item has, so the
    order and the product it completes into say what was fixed; returns {item id: {name: [before, after]}}."""
    item_of = {str(line.get("id")): str(line.get("itemId")) for line in lines if line.get("itemId") is not None}
    corrected: dict[str, dict] = {}
    for line_id, patch in patches.items():
        item = next((i for i in order.items if i.item_id == item_of.get(line_id)), None)
        if item is None or not isinstance(patch, dict):
            continue
        held = item_characteristics(item.payload)
        changes = {name: value for name, value in patch.items() if name in held and held[name] != value}
        if changes:
            item.payload = with_characteristics(item.payload, changes)
            corrected.setdefault(item.item_id, {}).update(
                {name: [held[name], value] for name, value in changes.items()})
    return corrected


def _patched_lines(lines: list[dict], patches: dict) -> list[dict]:
    known = {str(line.get("id")) for line in lines}
    unknown = sorted(set(patches) - known)
    if unknown:
        raise Invalid(f"the domain order has no line {', '.join(unknown)}", errors=[
            {"pointer": f"/lines/{key}", "message": "no such line"} for key in unknown])
    return [{**line, "characteristics": merge_patch(line.get("characteristics") or {}, patches[str(line.get("id"))])}
            if str(line.get("id")) in patches else line for line in lines]


def fail_item(uow: UnitOfWork, record_id: str, reason: str, caller: Caller | None = None) -> FalloutRecord:
    """Give up on the task's domain order: it fails, its dependants are cancelled, their items fail."""
    ctx, record, task = _locked_record(uow, record_id, caller, "fail the item of")
    domain_order = uow.session.get(DomainOrder, _task_of(record, task, "fail the item of").domain_order_id)
    if DOMAIN_ORDER.is_final(domain_order.state):
        raise Conflict(f"domain order {domain_order.ref} is already {domain_order.state}", state=domain_order.state)
    resolve(uow, record, "itemFailed", reason)
    fail_domain_order(ctx, domain_order, reason)
    advance_order(uow, ctx.order)
    return record


def cancel_order_of(uow: UnitOfWork, record_id: str, reason: str, caller: Caller | None = None) -> FalloutRecord:
    """Give up on the whole order: cancel it (compensating done work); 409 when it is past its point of no return."""
    _locked_record(uow, record_id, caller, "cancel the order of")
    record = uow.session.get(FalloutRecord, record_id)
    cancel_order(uow, record.order_id, reason)
    if record.state == OPEN:
        resolve(uow, record, "orderCancelled", reason)
    else:
        record.resolution = "orderCancelled"
        record.details = {**record.details, "reason": reason}
    return record


def retry_each(unit_of_work: Callable[[], AbstractContextManager[UnitOfWork]], record_ids: list[str],
               caller: Caller | None = None) -> list[dict]:
    """Retry each record in its own transaction: one refused, forbidden (another group's record) or failing
    retry does not undo the others."""
    outcomes = []
    for record_id in record_ids:
        try:
            with unit_of_work() as uow:
                retry(uow, record_id, caller)
            outcomes.append({"id": record_id, "outcome": "retried", "status": 200})
        except Forbidden as error:
            outcomes.append({"id": record_id, "outcome": "forbidden", "status": error.status, "detail": error.message,
                             "group": error.context.get("group")})
        except OrdoError as error:
            outcomes.append({"id": record_id, "outcome": "refused", "status": error.status, "detail": error.message})
        except IllegalTransition as error:
            outcomes.append({"id": record_id, "outcome": "refused", "status": 409, "detail": str(error)})
        except Exception as error:  # noqa: BLE001 - reported per record, the others go on
            log.exception("bulk retry of fallout %s failed", record_id)
            outcomes.append({"id": record_id, "outcome": "error", "status": 500, "detail": type(error).__name__})
    return outcomes
