"""Stage ``captured``: validate against the pinned catalog (and the inventory, for change items); reject with
every reason, or fill change items in from the inventory and go on to enrich."""
from __future__ import annotations

from engine.lifecycle.capture import Rejection, validate_order
from engine.lifecycle.changes import CHANGE_KINDS, change_kind, product_id, resolved_item
from engine.runtime.orders import replace_payload
from engine.runtime.pipeline.context import StageContext
from engine.runtime.pipeline.reject import reject
from engine.runtime.product_changes import change_products, changes_in_flight


def run(ctx: StageContext) -> bool:
    catalog = ctx.pack.bound("catalog")
    products = change_products(ctx.uow.session, ctx.order.payload)
    result = validate_order(ctx.order.payload, ctx.pack.catalog, (catalog.key, catalog.version), at=ctx.now,
                            products=products, party_id=ctx.order.party_id)
    ctx.trace(result.trace)
    rejections = result.rejections + _in_flight(ctx)
    if rejections:
        return reject(ctx, [r.message for r in rejections])
    if products:
        _resolve_changes(ctx, products)
    return ctx.move_to("enriching")


def _in_flight(ctx: StageContext) -> list[Rejection]:
    busy = changes_in_flight(ctx.uow.session, ctx.order) if _change_items(ctx.order.payload) else {}
    return [Rejection(str(item.get("id")), "change_in_progress", f"item {item.get('id')}: product "
                      f"{product_id(item)!r} already has a change in progress (order {busy[product_id(item)]})")
            for item in _change_items(ctx.order.payload) if product_id(item) in busy]


def _change_items(payload: dict) -> list[dict]:
    return [item for item in payload.get("productOrderItem") or [] if change_kind(item) in CHANGE_KINDS]


def _resolve_changes(ctx: StageContext, products: dict) -> None:
    """Change items get the product's offering and place (and a modify its full new configuration)."""
    items = []
    for item in ctx.order.payload.get("productOrderItem") or []:
        product = products.get(product_id(item)) if change_kind(item) in CHANGE_KINDS else None
        if product is not None:
            offering = ctx.pack.catalog.offering(product.offering_id)
            item = resolved_item(item, product, offering.name if offering else None)
        items.append(item)
    replace_payload(ctx.order, {**ctx.order.payload, "productOrderItem": items})
    for order_item in ctx.order.items:
        order_item.offering_id = order_item.offering_id or (order_item.payload.get("productOffering") or {}).get("id")
