"""Failing an item: its domain order fails, the domain orders that depend on it are cancelled, and the
order items they realise fail; the rest of the order runs on and ends ``partial`` (or ``failed``)."""
from __future__ import annotations

from sqlalchemy import delete, select

from engine.runtime.orders.pipeline.context import StageContext
from engine.states import DOMAIN_ORDER, ORDER_ITEM, TASK, DomainOrderState, ProductOrderState, TaskState
from engine.store.models import DomainOrder, FalloutRecord, HeldTask, Task

S = DomainOrderState


def item_ids(domain_order: DomainOrder) -> set[str]:
    """The order items a domain order realises (from its lines)."""
    return {str(line["itemId"]) for line in (domain_order.payload or {}).get("lines") or [] if line.get("itemId")}


def stopped_by_failure(domain_order: DomainOrder) -> bool:
    """Failed, or cancelled because one it depends on failed (not cancelled by a revision or cancellation)."""
    return domain_order.state == S.FAILED or (
        domain_order.state == S.CANCELLED and bool((domain_order.payload or {}).get("stoppedBy")))


def counts_for_outcome(domain_order: DomainOrder) -> bool:
    """Whether a domain order decides the order's outcome (one cancelled by a revision or cancellation does not)."""
    return domain_order.state != S.CANCELLED or stopped_by_failure(domain_order)


def failed_item_ids(domain_orders: list[DomainOrder]) -> set[str]:
    """Items realised by at least one domain order stopped by a failure."""
    return {item for d in domain_orders if stopped_by_failure(d) for item in item_ids(d)}


def fail_domain_order(ctx: StageContext, domain_order: DomainOrder, reason: str) -> list[DomainOrder]:
    """Fail ``domain_order`` and cancel those depending on it (transitively); returns every one stopped."""
    session = ctx.uow.session
    domain_orders = list(session.execute(select(DomainOrder).where(DomainOrder.order_id == ctx.order.id)).scalars())
    tasks = list(session.execute(select(Task).where(Task.order_id == ctx.order.id)).scalars())
    _stop(ctx, domain_order, [t for t in tasks if t.domain_order_id == domain_order.id], S.FAILED, reason)
    stopped, dead = [domain_order], {domain_order.ref}
    changed = True
    while changed:
        changed = False
        for other in domain_orders:
            own = [t for t in tasks if t.domain_order_id == other.id]
            if DOMAIN_ORDER.is_final(other.state) or not _depends_on(other, own, dead):
                continue
            _stop(ctx, other, own, S.CANCELLED, f"depends on failed {domain_order.ref}")
            stopped.append(other)
            dead.add(other.ref)
            changed = True
    fail_items(ctx, failed_item_ids(domain_orders), reason)
    return stopped


def _depends_on(domain_order: DomainOrder, tasks: list[Task], dead: set[str]) -> bool:
    return bool(set(domain_order.depends_on) & dead) or any(
        set(t.waits_for) & dead for t in tasks if not TASK.is_final(t.state))


def _stop(ctx: StageContext, domain_order: DomainOrder, tasks: list[Task], target: S, reason: str) -> None:
    for task in tasks:
        if not TASK.is_final(task.state) and not (target == S.FAILED and task.state == TaskState.FAILED):
            cancel_task(ctx, task, reason)
    previous = domain_order.state
    if target == S.FAILED:
        if domain_order.state != S.IN_PROGRESS:
            domain_order.state = DOMAIN_ORDER.check(domain_order.state, S.IN_PROGRESS)
        domain_order.state = DOMAIN_ORDER.check(domain_order.state, S.FAILED)
    else:
        if DOMAIN_ORDER.can(domain_order.state, S.CANCELLATION_IN_PROGRESS):
            domain_order.state = DOMAIN_ORDER.check(domain_order.state, S.CANCELLATION_IN_PROGRESS)
        domain_order.state = DOMAIN_ORDER.check(domain_order.state, S.CANCELLED)
        domain_order.payload = {**(domain_order.payload or {}), "stoppedBy": reason}
    domain_order.updated_at = ctx.now
    ctx.uow.audit(f"domain_order.{target}", "domainOrder", domain_order.id,
                  {"orderId": ctx.order.id, "ref": domain_order.ref, "from": previous, "reason": reason})


def cancel_task(ctx: StageContext, task: Task, reason: str) -> None:
    """Cancel an open task (a running one goes back to ready first); its hold and open fallout go too."""
    previous = task.state
    if not TASK.can(task.state, TaskState.CANCELLED):
        task.state = TASK.check(task.state, TaskState.READY)
    task.state = TASK.check(task.state, TaskState.CANCELLED)
    task.completed_at = ctx.now
    session = ctx.uow.session
    session.execute(delete(HeldTask).where(HeldTask.task_id == task.id))
    for record in session.execute(select(FalloutRecord).where(FalloutRecord.task_id == task.id,
                                                              FalloutRecord.state == "open")).scalars():
        record.state, record.resolution, record.resolved_by, record.resolved_at = (
            "resolved", "taskCancelled", ctx.uow.actor, ctx.now)
        ctx.uow.audit("fallout.taskCancelled", "fallout", record.id, {"taskId": task.id, "reason": reason})
    ctx.uow.audit("task.cancelled", "task", task.id, {"orderId": ctx.order.id, "from": previous, "reason": reason})


def fail_items(ctx: StageContext, items: set[str], reason: str) -> None:
    for item in ctx.order.items:
        if item.item_id in items and not ORDER_ITEM.is_final(item.state):
            if item.state != ProductOrderState.IN_PROGRESS:
                item.state = ORDER_ITEM.check(item.state, ProductOrderState.IN_PROGRESS)
            item.state = ORDER_ITEM.check(item.state, ProductOrderState.FAILED)
            ctx.uow.audit("order.item_failed", "productOrder", ctx.order.id, {"itemId": item.item_id, "reason": reason})
