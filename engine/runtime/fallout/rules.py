"""The fallout rules on a failed task: ask the pack's rules what to do, open the record and carry out every
action they decided (``engine.lifecycle.fallout``): hold, fail the item, force-complete, resume, reassign,
escalate and notify."""
from __future__ import annotations

import uuid
from datetime import timedelta

from engine.clock import iso
from engine.lifecycle.fallout import FalloutPlan, decide, fallout_event
from engine.runtime.events import notifications
from engine.runtime.fallout.records import OPEN, RELEASE, resolve
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.failing import fail_domain_order
from engine.runtime.tasks.outcomes import fail_task
from engine.states import DOMAIN_ORDER, TASK, TaskState
from engine.store.models import DomainOrder, FalloutRecord, Task


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
    reason = plan.outcome_params.get("reason") or f"the fallout rules failed the item: {error}"
    resolve(ctx.uow, record, "itemFailed", reason, by=rules_actor(plan))
    domain_order = ctx.uow.session.get(DomainOrder, task.domain_order_id)
    if not DOMAIN_ORDER.is_final(domain_order.state):
        fail_domain_order(ctx, domain_order, reason)
