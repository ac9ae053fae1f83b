"""Compensation in the runtime: stop open work, plan compensation task rows, run them until blocked.

Everything happens in the caller's transaction (an API request or a worker's job), so a crash leaves
either nothing or the whole step; a compensation task's key is ``undo:<key>`` and keys are unique per
domain order, so planning twice never creates a second compensation of the same work (a revision
undoes a domain order once and replaces it with a new one).
"""
from __future__ import annotations

import uuid

from sqlalchemy import select

from engine.lifecycle.compensation import is_compensation, plan_undo
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.tasks.starting import start_task
from engine.states import DOMAIN_ORDER, TASK, DomainOrderState, TaskState
from engine.store.models import DomainOrder, FalloutRecord, Task

DONE = (TaskState.COMPLETED, TaskState.SKIPPED, TaskState.CANCELLED)
UNDOING = DomainOrderState.CANCELLATION_IN_PROGRESS


def order_rows(ctx: StageContext) -> tuple[list[DomainOrder], list[Task]]:
    domain_orders = ctx.uow.session.execute(select(DomainOrder).where(DomainOrder.order_id == ctx.order.id)
                                            .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
    tasks = ctx.uow.session.execute(select(Task).where(Task.order_id == ctx.order.id)
                                    .order_by(Task.created_at, Task.id)).scalars().all()
    return list(domain_orders), list(tasks)


def stop_open_tasks(ctx: StageContext, tasks: list[Task], reason: str) -> list[Task]:
    """Cancel every open task except compensations (a queued job or timer of a cancelled task does nothing)."""
    stopped = []
    for task in tasks:
        if not TASK.is_final(task.state) and not is_compensation(task):
            task.state = TASK.check(task.state, TaskState.CANCELLED)
            task.notes = [*task.notes, {"at": ctx.now.isoformat(), "text": reason}]
            stopped.append(task)
    if stopped:
        ctx.uow.audit("task.cancelled", "productOrder", ctx.order.id,
                      {"tasks": sorted(t.key for t in stopped), "reason": reason})
    _close_fallout(ctx, stopped, reason)
    return stopped


def _close_fallout(ctx: StageContext, tasks: list[Task], reason: str) -> None:
    if not tasks:
        return
    records = ctx.uow.session.execute(select(FalloutRecord).where(
        FalloutRecord.task_id.in_([t.id for t in tasks]), FalloutRecord.state == "open")).scalars()
    for record in records:
        record.state, record.resolution = "resolved", "taskCancelled"
        record.resolved_by, record.resolved_at = ctx.uow.actor, ctx.now
        ctx.uow.audit("fallout.taskCancelled", "fallout", record.id, {"taskId": record.task_id, "reason": reason})


def undo_order(ctx: StageContext, cause: str) -> tuple[list[DomainOrder], list[Task]]:
    """Stop all open work of the order and plan the compensation of everything done: domain orders that
    never started are cancelled, the others are being undone (a domain order's compensations wait for
    those of the domain orders that depended on it)."""
    domain_orders, tasks = order_rows(ctx)
    stop_open_tasks(ctx, tasks, f"cancelled: {cause}")
    for domain_order in domain_orders:
        if domain_order.state in (DomainOrderState.DRAFT, DomainOrderState.AWAITING_INFORMATION):
            _set(ctx, domain_order, DomainOrderState.CANCELLED)
        elif domain_order.state != UNDOING and (not DOMAIN_ORDER.is_final(domain_order.state)
                                                or domain_order.state == DomainOrderState.COMPLETED):
            _set(ctx, domain_order, UNDOING)
    undoing = [d for d in domain_orders if d.state == UNDOING]
    for domain_order in undoing:
        plan_compensation(ctx, domain_order, tasks, cause=cause, waits_for=dependents(domain_order, undoing))
    return domain_orders, tasks


def dependents(domain_order: DomainOrder, undoing: list[DomainOrder]) -> list[str]:
    """Refs of the other undone domain orders built on ``domain_order``: they are undone first."""
    return sorted({d.ref for d in undoing if d is not domain_order and domain_order.ref in (d.depends_on or [])})


def _set(ctx: StageContext, domain_order: DomainOrder, target: DomainOrderState) -> None:
    previous = domain_order.state
    domain_order.state = DOMAIN_ORDER.check(domain_order.state, target)
    domain_order.updated_at = ctx.now
    ctx.uow.audit("domain_order.state_changed", "domainOrder", domain_order.id,
                  {"orderId": ctx.order.id, "ref": domain_order.ref, "from": previous, "to": str(target)})


def plan_compensation(ctx: StageContext, domain_order: DomainOrder, tasks: list[Task], *, cause: str,
                      suffix: str = "", only: set[str] | None = None, waits_for: list[str] = ()) -> list[Task]:
    """Compensation task rows for the done work of ``domain_order`` (``only`` those task keys), each
    marked as compensating its task, in reverse dependency order; existing ones are not planned again."""
    own = [t for t in tasks if t.domain_order_id == domain_order.id]
    existing = {t.key for t in own}
    created = []
    for undo in plan_undo(own, suffix, only):
        if undo.key in existing:
            continue
        created.append(_compensation_row(ctx, domain_order, undo, cause, list(waits_for)))
    if created:
        ctx.uow.session.add_all(created)
        tasks.extend(created)
        ctx.uow.audit("compensation.planned", "domainOrder", domain_order.id, {
            "orderId": ctx.order.id, "cause": cause,
            "compensations": [{"key": t.key, "compensates": t.spec["compensates"]["key"]} for t in created]})
    return created


def _compensation_row(ctx: StageContext, domain_order: DomainOrder, undo, cause: str, waits_for: list[str]) -> Task:
    definition = undo.task.spec["compensation"]
    spec = {**(definition.get("spec") or {}), "compensates": {"taskId": undo.task.id, "key": undo.task.key},
            "cause": cause, "compensation": None}
    return Task(id=str(uuid.uuid4()), order_id=ctx.order.id, domain_order_id=domain_order.id, key=undo.key,
                name=definition.get("name") or definition["key"], type=definition["type"],
                handler=definition.get("handler"), state=TaskState.PENDING, depends_on=list(undo.depends_on),
                waits_for=waits_for, params=dict(definition.get("params") or {}), spec=spec,
                assignment_group=definition.get("assignmentGroup") or undo.task.assignment_group,
                point_of_no_return=False, created_at=ctx.now)


def run_compensation(ctx: StageContext, domain_orders: list[DomainOrder], tasks: list[Task]) -> bool:
    """Run compensation tasks until blocked; True when no domain order is still being undone."""
    while _step(ctx, domain_orders, tasks):
        pass
    return not any(d.state == UNDOING for d in domain_orders)


def _step(ctx: StageContext, domain_orders: list[DomainOrder], tasks: list[Task]) -> bool:
    changed = False
    undoing = {d.ref for d in domain_orders if d.state == UNDOING}
    for domain_order in domain_orders:
        if domain_order.state != UNDOING:
            continue
        own = [t for t in tasks if t.domain_order_id == domain_order.id]
        done = {t.key for t in own if t.state in DONE}
        for task in own:
            if task.state == TaskState.PENDING and is_compensation(task) and set(task.depends_on) <= done \
                    and not set(task.waits_for) & undoing:
                task.state, task.ready_at = TASK.check(task.state, TaskState.READY), ctx.now
                changed = True
            if task.state == TaskState.READY:
                start_task(ctx, task)
                changed = True
        if all(t.state in DONE for t in own):
            _set(ctx, domain_order, DomainOrderState.CANCELLED)
            changed = True
    return changed
