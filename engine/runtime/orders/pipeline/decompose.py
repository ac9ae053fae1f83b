"""Stage ``decomposing``: domain orders and their plan instances, then the order is ``inProgress``."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.lifecycle.planning import plan_order
from engine.runtime.orders.persistence import set_state
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.persist_plan import store_planned
from engine.runtime.orders.pipeline.reject import reject
from engine.states import DomainOrderState, ProductOrderState, Stage


@dataclass(frozen=True)
class _SkeletonDomainOrder:
    ref: str
    domain: str
    fulfilment_system: str
    state: str
    tasks: tuple
    lines: tuple = ()
    missing: tuple = ()
    depends_on: tuple = ()
    plan_key: str | None = None
    plan_version: int | None = None
    payload: dict = field(default_factory=dict)


def run(ctx: StageContext) -> bool:
    plans, problems, trace = _plan(ctx)
    ctx.trace(list(trace))
    if problems:
        return reject(ctx, problems)
    stored = [store_planned(ctx.uow, ctx.order, plan) for plan in plans]
    ctx.hand_over(Stage.FULFILLING, _in_read_order(stored))
    set_state(ctx.uow, ctx.order, ProductOrderState.IN_PROGRESS, stage=Stage.FULFILLING,
              items_to=ProductOrderState.IN_PROGRESS)
    return True


def _in_read_order(stored: list) -> tuple[list, list]:
    """The order's domain orders and tasks (the first decomposition: these are all of them) as fulfilment reads
    them."""
    domain_orders = sorted((domain_order for domain_order, _ in stored), key=lambda d: (d.created_at, d.id))
    tasks = sorted((task for _, tasks in stored for task in tasks), key=lambda t: (t.created_at, t.id))
    return domain_orders, tasks


def _plan(ctx: StageContext):
    rules_key = ctx.pack.bindings.get("decomposition")
    if not rules_key:
        skeleton = plan_order(ctx.order.payload, ctx.pack.catalog)
        plans = [_SkeletonDomainOrder(ref=f"{d.domain}:{d.item_id}", domain=d.domain,
                                      fulfilment_system=d.fulfilment_system, state=DomainOrderState.SCHEDULED,
                                      tasks=tuple(d.tasks)) for d in skeleton.domain_orders]
        return plans, [], skeleton.trace
    from engine.lifecycle.decomposition import decompose_order

    binding = ctx.pack.bindings.get("orchestration") or {}
    plans = {key: ctx.pack.compiled(key) for key in set(binding.values())}
    result = decompose_order(ctx.order.payload, catalog=ctx.pack.catalog, rules=ctx.pack.compiled(rules_key),
                             plans=plans, plan_binding=binding, now=ctx.now)
    return list(result.domain_orders), [p.message for p in result.problems], result.trace
