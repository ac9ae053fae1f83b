"""Stage ``fulfilling``: run the plan instances until blocked (SpiffWorkflow's "run until blocked").

Pending tasks whose dependencies are done (and whose domain-order waits are over) become ready; ready
tasks start by type; a domain order whose tasks are all final completes, which may release others. The
loop stops when nothing changes. When every domain order is final the order goes on to ``completing``.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.tasks.outcomes import write_alike
from engine.runtime.tasks.starting import read_breakers, start_task
from engine.states import DOMAIN_ORDER, TASK, DomainOrderState, Stage, TaskState
from engine.store.models import DomainOrder, Task

DONE = (TaskState.COMPLETED, TaskState.SKIPPED)
OPEN_DOMAIN_STATES = (DomainOrderState.SCHEDULED, DomainOrderState.IN_PROGRESS)


def run(ctx: StageContext) -> bool:
    domain_orders, tasks = ctx.take_over(Stage.FULFILLING) or _read(ctx)
    read_breakers(ctx, tasks)
    while _step(ctx, domain_orders, tasks):
        pass
    write_alike(tasks)
    if all(DOMAIN_ORDER.is_final(d.state) for d in domain_orders):
        ctx.hand_over(Stage.COMPLETING, domain_orders)
        return ctx.move_to(Stage.COMPLETING)
    return False


def _read(ctx: StageContext) -> tuple[list[DomainOrder], list[Task]]:
    session = ctx.uow.session
    domain_orders = session.execute(select(DomainOrder).where(DomainOrder.order_id == ctx.order.id)
                                    .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
    tasks = session.execute(select(Task).where(Task.order_id == ctx.order.id)
                            .order_by(Task.created_at, Task.id)).scalars().all()
    return list(domain_orders), list(tasks)


def _step(ctx: StageContext, domain_orders: list[DomainOrder], tasks: list[Task]) -> bool:
    changed = False
    completed_refs = {d.ref for d in domain_orders if d.state == DomainOrderState.COMPLETED}
    by_domain: dict[str, list[Task]] = {}
    for task in tasks:
        by_domain.setdefault(task.domain_order_id, []).append(task)
    for domain_order in domain_orders:
        if domain_order.state not in OPEN_DOMAIN_STATES:
            continue
        own = by_domain.get(domain_order.id, [])
        done = {t.key for t in own if t.state in DONE}
        for task in own:
            if task.state == TaskState.PENDING and set(task.depends_on) <= done \
                    and set(task.waits_for) <= completed_refs and set(domain_order.depends_on) <= completed_refs:
                task.state, task.ready_at = TASK.check(task.state, TaskState.READY), ctx.now
                changed = True
            if task.state == TaskState.READY:
                _mark_in_progress(ctx, domain_order)
                start_task(ctx, task)
                changed = True
        if _complete_if_done(ctx, domain_order, own, completed_refs):
            completed_refs.add(domain_order.ref)
            changed = True
    return changed


def _mark_in_progress(ctx: StageContext, domain_order: DomainOrder) -> None:
    if domain_order.state == DomainOrderState.SCHEDULED:
        domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.IN_PROGRESS)
        domain_order.updated_at = ctx.now


def _complete_if_done(ctx: StageContext, domain_order: DomainOrder, own: list[Task], completed_refs: set[str]
                      ) -> bool:
    if domain_order.state not in OPEN_DOMAIN_STATES or any(t.state not in DONE for t in own):
        return False
    if set(domain_order.depends_on) - completed_refs:
        return False
    _mark_in_progress(ctx, domain_order)
    domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.COMPLETED)
    domain_order.updated_at = ctx.now
    ctx.uow.audit("domain_order.completed", "domainOrder", domain_order.id,
                  {"orderId": ctx.order.id, "ref": domain_order.ref})
    return True
