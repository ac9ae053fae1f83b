"""Stage ``enriching``: run the bound enrichment flow; wait in ``pending`` when information is missing."""
from __future__ import annotations

from engine.lifecycle.trace import TraceEntry
from engine.runtime.events import outbox as events
from engine.runtime.orders.persistence import add_note, replace_payload, set_state
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.reject import reject
from engine.states import ProductOrderState, Stage


def run(ctx: StageContext) -> bool:
    flow = ctx.pack.compiled_binding("enrichment")
    if flow is None:
        return ctx.move_to(Stage.PRICING)

    def lookup(step, context):
        return ctx.pack.compiled(step.table).evaluate(context).value

    result = flow.run(ctx.order.payload, lookup)
    ctx.trace([TraceEntry(stage="enrich", artifact=flow.key, version=flow.version, rule=entry.get("step"),
                          inputs={k: v for k, v in entry.items() if k not in ("step", "outcome")} or None,
                          decision={"outcome": entry.get("outcome")}) for entry in result.trace])
    if result.errors:
        return reject(ctx, [f.message for f in result.errors])
    replace_payload(ctx.order, result.order)
    if result.missing:
        return _wait_for_information(ctx, [f.as_dict() for f in result.missing])
    ctx.order.missing_information = None
    return ctx.move_to(Stage.PRICING)


def _wait_for_information(ctx: StageContext, missing: list[dict]) -> bool:
    ctx.order.missing_information = missing
    add_note(ctx.uow, ctx.order, "Information required: " + "; ".join(m["message"] for m in missing))
    set_state(ctx.uow, ctx.order, ProductOrderState.PENDING, stage=Stage.AWAITING_INFORMATION,
              reason="information required", items_to=ProductOrderState.PENDING)
    ctx.uow.audit("order.information_required", "productOrder", ctx.order.id, {"missing": missing})
    events.information_required(ctx.uow, ctx.order, missing)
    return False
