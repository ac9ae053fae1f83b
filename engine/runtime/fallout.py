"""Fallout in the runtime: ask the pack's fallout rules what to do with a failed task, open records and
carry out every action the rules decided (``engine.lifecycle.fallout``): hold, fail the item, force-complete,
resume, reassign, escalate and notify; and the agent actions that resolve records: retry, force-complete,
fix data and resume, fail the item. A record without a task (a stuck order) can only be retried (the order
is advanced again) or have its order cancelled. Agents act on the records of their assignment groups (and on
records of no group); managers on all (``engine.runtime.groups.check_member``)."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

from sqlalchemy import delete

from engine.clock import iso
from engine.errors import Conflict, Forbidden, Invalid, NotFound, OrdoError
from engine.lifecycle.fallout import DEFAULT_FALLOUT, FalloutPlan, decide, fallout_event
from engine.lifecycle.items import item_characteristics, with_characteristics
from engine.lifecycle.merge_patch import merge_patch
from engine.runtime import notifications
from engine.runtime.context import UnitOfWork
from engine.runtime.groups import Caller, check_member
from engine.runtime.orders import ADVANCE, lock_order
from engine.runtime.packs import pack_view
from engine.runtime.pipeline import advance_order
from engine.runtime.pipeline.context import StageContext
from engine.states import DOMAIN_ORDER, PRODUCT_ORDER, TASK, IllegalTransition, TaskState
from engine.store.models import CustomerOrder, DomainOrder, FalloutRecord, HeldTask, Task

OPEN, RESOLVED = "open", "resolved"
RELEASE = "fallout.release"
STUCK, STUCK_PRIORITY = "stuck", 2
log = logging.getLogger("ordo.fallout")


def plan_for(ctx: StageContext, task: Task, error: str) -> FalloutPlan:
    """The fallout rules' decision for this failure (a record for the default group without rules)."""
    rules = ctx.pack.compiled_binding("fallout")
    domain_order = ctx.uow.session.get(DomainOrder, task.domain_order_id)
    event = fallout_event(
        {"key": task.key, "type": task.type, "handler": task.handler, "assignmentGroup": task.assignment_group},
        {"ref": domain_order.ref, "domain": domain_order.domain, "fulfilmentSystem": domain_order.fulfilment_system},
        {"id": ctx.order.id, "category": ctx.order.payload.get("category")}, error, task.attempt)
    decisions = rules.evaluate(event) if rules is not None and getattr(rules, "rules", None) else []
    return decide(decisions, task.attempt)


def open_record(ctx: StageContext, task: Task, plan: FalloutPlan, error: str) -> FalloutRecord:
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=ctx.order.id, task_id=task.id, type=plan.fallout["type"],
        priority=plan.fallout["priority"], assignment_group=plan.fallout["assignmentGroup"], state=OPEN,
        error=error, details={"rules": list(plan.rules), "description": plan.fallout.get("description"),
                              "outcome": plan.outcome, "failItem": plan.fail_item, "hold": plan.hold,
                              "notify": list(plan.notify), "attempt": task.attempt,
                              **{key: plan.fallout[key] for key in ("reassignedFrom", "escalatedTo")
                                 if key in plan.fallout},
                              **({"overruled": list(plan.overruled)} if plan.overruled else {})},
        created_at=ctx.now)
    ctx.uow.session.add(record)
    ctx.uow.audit("fallout.opened", "fallout", record.id, {"orderId": ctx.order.id, "taskId": task.id,
                                                          "type": record.type, "group": record.assignment_group})
    if "reassignedFrom" in plan.fallout:
        ctx.uow.audit("fallout.reassigned", "fallout", record.id, {
            "from": plan.fallout["reassignedFrom"], "group": record.assignment_group, "by": rules_actor(plan)})
    for escalation in plan.escalations:
        ctx.uow.audit("fallout.escalated", "fallout", record.id, {
            "to": escalation["to"], "reason": escalation.get("reason"), "priority": record.priority,
            "by": rules_actor(plan)})
    return record


def carry_out(ctx: StageContext, task: Task, plan: FalloutPlan, error: str) -> FalloutRecord:
    """Open the plan's record and do what the rules decided with the task: hold it (it waits for an agent's
    retry, fix or force-complete, or ``durationSeconds``), fail the item at once (as the agent's fail-item
    would), complete it (``forceComplete``, ``resume``: the order goes on), or just fail it; then tell
    the people the rules named (``notify``, ``escalate``)."""
    from engine.runtime.pipeline.task_types import fail_task

    if plan.hold:
        _hold(ctx, task, plan, error)
        record = open_record(ctx, task, plan, error)
        _schedule_release(ctx, record, plan)
    else:
        fail_task(ctx, task, error)
        record = open_record(ctx, task, plan, error)
        if plan.fail_item:
            _fail_item_by_rules(ctx, record, task, plan, error)
        elif plan.outcome in ("forceComplete", "resume"):
            _complete_by_rules(ctx, record, task, plan, error)
    announce(ctx, task, plan, error, record)
    return record


def rules_actor(plan: FalloutPlan) -> str:
    """Who resolved a record the rules closed themselves: ``fallout-rules:<rule names>``."""
    return f"fallout-rules:{','.join(dict.fromkeys(plan.rules))}"[:120]


def announce(ctx: StageContext, task: Task, plan: FalloutPlan, error: str,
             record: FalloutRecord | None = None) -> None:
    """One notification per ``notify`` (to its ``to``) and per ``escalate`` (to whom it escalates)."""
    subject = f"order {ctx.order.id}, task {task.key}: {error}"[:200]
    facts = [f"Order {ctx.order.id}, task {task.key} ({task.name}) failed on attempt {task.attempt}: {error}"]
    if record is not None:
        facts.append(f"Fallout record {record.id}: {record.type}, priority {record.priority}, "
                     f"group {record.assignment_group}, {record.resolution or record.state}.")
    else:
        facts.append("The fallout rules retry it.")
    source = {"type": "fallout", "orderId": ctx.order.id, "taskId": task.id,
              "falloutId": record.id if record else None}
    for notice in plan.notify:
        title = f"{notice['template']}: " if notice.get("template") else "Fallout: "
        body = "\n\n".join([notice["message"], *facts] if notice.get("message") else facts)
        notifications.notify(ctx.uow, notice["to"], title + subject, body,
                             {**source, "rule": notice["rule"], "template": notice.get("template")})
    for escalation in plan.escalations:
        body = "\n\n".join([escalation["reason"], *facts] if escalation.get("reason") else facts)
        notifications.notify(ctx.uow, escalation["to"], "Escalated fallout: " + subject, body,
                             {**source, "rule": escalation["rule"], "escalation": True})


def _hold(ctx: StageContext, task: Task, plan: FalloutPlan, error: str) -> None:
    reason = plan.outcome_params.get("reason")
    task.state = TASK.check(task.state, TaskState.ON_HOLD)
    task.output = {"error": error}
    text = f"held by the fallout rules: {error}" + (f" ({reason})" if reason else "")
    task.notes = [*task.notes, {"at": iso(ctx.now), "text": text}]
    ctx.uow.audit("task.held", "task", task.id, {"orderId": task.order_id, "by": "falloutRules", "error": error,
                                                 "reason": reason, "rules": list(plan.rules)})


def _schedule_release(ctx: StageContext, record: FalloutRecord, plan: FalloutPlan) -> None:
    """A hold with ``durationSeconds``: the task is retried then, unless an agent acted first."""
    seconds = plan.outcome_params.get("durationSeconds")
    if seconds is None:
        return
    release_at = ctx.now + timedelta(seconds=int(seconds))
    record.details = {**record.details, "releaseAt": iso(release_at)}
    ctx.uow.enqueue(RELEASE, {"recordId": record.id, "by": rules_actor(plan)}, key=f"{RELEASE}:{record.id}",
                    run_at=release_at)


def release_held(uow: UnitOfWork, record_id: str, by: str) -> None:
    """The end of a rules' timed hold: retry the task when its record is still open and the task held."""
    record = uow.session.get(FalloutRecord, record_id)
    if record is None or record.state != OPEN:
        return
    ctx, record, task = _locked_record(uow, record_id)
    if task is not None and task.state == TaskState.ON_HOLD:
        _retry(ctx, record, task, "the hold the fallout rules set is over", by=by)


def _complete_by_rules(ctx: StageContext, record: FalloutRecord, task: Task, plan: FalloutPlan, error: str) -> None:
    """``forceComplete``: completed without being done, for the rule's reason; ``resume``: completed with the
    failure noted, so the order goes on. The record is resolved by the rules at once (audited)."""
    by, forced = rules_actor(plan), plan.outcome == "forceComplete"
    reason = plan.outcome_params.get("reason") or "the fallout rules let the order go on without this task"
    task.state = TASK.check(task.state, TaskState.COMPLETED)
    task.completed_at = ctx.now
    task.output = {"forced" if forced else "resumed": True, "reason": reason, "by": by, "error": error}
    verb = "force-completed" if forced else "resumed past the failure"
    task.notes = [*task.notes, {"at": iso(ctx.now), "text": f"{verb} by the fallout rules: {reason}"}]
    ctx.uow.audit("task.completed", "task", task.id, {"orderId": ctx.order.id, "key": task.key, "by": by,
                                                      "forced" if forced else "resumed": True})
    resolve(ctx.uow, record, "forceCompleted" if forced else "resumed", reason, by=by)


def _fail_item_by_rules(ctx: StageContext, record: FalloutRecord, task: Task, plan: FalloutPlan, error: str) -> None:
    from engine.runtime.pipeline.failing import fail_domain_order

    reason = plan.outcome_params.get("reason") or f"the fallout rules failed the item: {error}"
    resolve(ctx.uow, record, "itemFailed", reason, by=rules_actor(plan))
    domain_order = ctx.uow.session.get(DomainOrder, task.domain_order_id)
    if not DOMAIN_ORDER.is_final(domain_order.state):
        fail_domain_order(ctx, domain_order, reason)


def open_stuck(uow: UnitOfWork, task: Task, reason: str) -> FalloutRecord:
    """A ``stuck`` record raised by the watchdog (the task is left as it is for the agent to act on)."""
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=task.order_id, task_id=task.id, type=STUCK, priority=STUCK_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=reason,
        details={"detectedBy": "watchdog", "taskState": task.state, "attempt": task.attempt}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": task.order_id, "taskId": task.id,
                                                      "type": STUCK, "group": record.assignment_group,
                                                      "reason": reason})
    return record


def open_order_stuck(uow: UnitOfWork, order: CustomerOrder, reason: str) -> FalloutRecord:
    """A ``stuck`` record about a whole order (no task) that cannot move, raised by the watchdog."""
    record = FalloutRecord(
        id=str(uuid.uuid4()), order_id=order.id, task_id=None, type=STUCK, priority=STUCK_PRIORITY,
        assignment_group=DEFAULT_FALLOUT["assignmentGroup"], state=OPEN, error=reason,
        details={"detectedBy": "watchdog", "orderState": order.state, "stage": order.stage}, created_at=uow.now)
    uow.session.add(record)
    uow.audit("fallout.opened", "fallout", record.id, {"orderId": order.id, "taskId": None, "type": STUCK,
                                                      "group": record.assignment_group, "reason": reason})
    return record


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


def resolve(uow: UnitOfWork, record: FalloutRecord, resolution: str, reason: str | None,
            by: str | None = None) -> None:
    """Close a record with its resolution (audited); ``by`` names a resolver other than the acting user."""
    record.state, record.resolution, record.resolved_by, record.resolved_at = (
        RESOLVED, resolution, by or uow.actor, uow.now)
    record.details = {**record.details, "reason": reason}
    data = {"taskId": record.task_id, "reason": reason}
    uow.audit(f"fallout.{resolution}", "fallout", record.id, {**data, "by": by} if by else data)


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
    record without a task, queue the order's ``order.advance`` again. ``caller`` must be a member of the
    record's group (or a manager)."""
    ctx, record, task = _locked_record(uow, record_id, caller, "retry")
    if task is None:
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


def _retry(ctx: StageContext, record: FalloutRecord, task: Task, reason: str | None, by: str | None = None) -> None:
    from engine.runtime.pipeline.task_types import start_task

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
    from engine.runtime.pipeline.failing import fail_domain_order

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
    from engine.runtime.cancellation import cancel_order

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
