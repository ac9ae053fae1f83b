"""Stage ``pricing``: price the order with the pack's price list, matrices and adjustments."""
from __future__ import annotations

from engine.lifecycle.pricing import price_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.reject import reject
from engine.runtime.orders.product_changes import change_products
from engine.states import Stage


def run(ctx: StageContext) -> bool:
    binding = ctx.pack.bindings.get("pricing")
    if not binding:
        return ctx.move_to(Stage.APPROVING)
    result = price_order(
        ctx.order.payload, catalog=ctx.pack.catalog, price_list=ctx.pack.compiled(binding["priceList"]),
        matrices=tuple(ctx.pack.compiled(key) for key in binding.get("matrices", [])),
        adjustments=ctx.pack.compiled(binding["adjustments"]) if binding.get("adjustments") else None, at=ctx.now,
        products=change_products(ctx.uow.session, ctx.order.payload),
        termination=ctx.pack.compiled(binding["terminationCharges"]) if binding.get("terminationCharges") else None)
    ctx.trace(list(result.trace))
    if result.problems:
        return reject(ctx, [p.message for p in result.problems])
    ctx.order.pricing = pricing_document(result)
    return ctx.move_to(Stage.APPROVING)


def pricing_document(result) -> dict:
    """The stored form: TMF prices per item and for the order, and every line with its provenance."""
    return {
        "currency": result.currency,
        "orderTotalPrice": result.to_tmf_order_total(),
        "items": {item_id: result.to_tmf_item_prices(item_id) for item_id in result.items},
        "lines": [{"itemId": line.item_id, "offering": line.offering, "priceType": line.charge.price_type,
                   "recurringChargePeriod": line.charge.period, "unitAmount": str(line.unit_amount),
                   "quantity": line.quantity, "amount": str(line.amount), "currency": line.currency,
                   "provenance": _provenance(line.source)} for line in result.lines],
        "adjustments": [{"level": a.level, "itemId": a.item_id, "name": a.name, "type": a.adjustment_type,
                         "value": str(a.value), "amount": str(a.amount), "priceType": a.charge.price_type,
                         "recurringChargePeriod": a.charge.period, "provenance": _provenance(a.source)}
                        for a in _alterations(result)],
    }


def _alterations(result) -> list:
    """Every applied adjustment: item-level ones (on each item's charge totals), then order-level ones."""
    found = [a for item in result.items.values() for total in item.totals for a in total.alterations]
    found += [a for total in result.order_totals for a in total.alterations]
    return found


def _provenance(source) -> dict:
    return {"artifact": source.artifact, "version": source.version, "row": source.row}
