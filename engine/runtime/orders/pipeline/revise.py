"""Stage ``revising``: undo what an in-flight revision superseded, then release the re-planned work."""
from __future__ import annotations

from engine.runtime.orders.pipeline.compensation import order_rows, run_compensation
from engine.runtime.orders.pipeline.context import StageContext
from engine.states import DOMAIN_ORDER, DomainOrderState, Stage


def run(ctx: StageContext) -> bool:
    domain_orders, tasks = order_rows(ctx)
    if not run_compensation(ctx, domain_orders, tasks):
        return False
    for domain_order in domain_orders:
        if domain_order.state == DomainOrderState.ON_HOLD and domain_order.payload.get("replaces"):
            domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.SCHEDULED)
            domain_order.updated_at = ctx.now
            ctx.uow.audit("domain_order.released", "domainOrder", domain_order.id,
                          {"orderId": ctx.order.id, "ref": domain_order.ref, "replaces": domain_order.payload["replaces"]})
    return ctx.move_to(Stage.FULFILLING)
