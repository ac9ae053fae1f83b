"""Stage ``captured``: validate against the pinned catalog (and the inventory, for change items and the product
relationships: requires, excludes, cardinality); reject with every reason, or fill change items in from the
inventory and go on to enrich.

The products change items name are locked with their bundles first, so of two change orders for one product
(or for a parent and a product bundled in it) captured at the same moment, the second is validated after
the first has passed capture, and is rejected ``change_in_progress``."""
from __future__ import annotations

from dataclasses import dataclass

from engine.lifecycle.capture import CaptureResult, Rejection, validate_order
from engine.lifecycle.changes import CHANGE_KINDS, DELETE, change_kind, product_id, resolved_item
from engine.lifecycle.trace import TraceEntry
from engine.runtime.orders.persistence import replace_payload
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.reject import reject
from engine.runtime.orders.product_changes import CASCADING, change_products, changes_in_flight
from engine.runtime.orders.product_family import ancestors, descendants, lock_family
from engine.runtime.orders.relationships import relationship_rejections
from engine.states import Stage

VERB = {DELETE: "disconnect"}


def run(ctx: StageContext) -> bool:
    checked = _check(ctx)
    ctx.trace(checked.result.trace)
    if checked.related:
        ctx.trace([_relationships_trace(ctx.pack.bound("catalog"), checked.related)])
    rejections = checked.rejections(ctx)
    if rejections:
        return reject(ctx, [r.message for r in rejections])
    if checked.products:
        _resolve_changes(ctx, checked.products)
    return ctx.move_to(Stage.ENRICHING)


def capture_rejections(ctx: StageContext) -> list[Rejection]:
    """Every reason this stage would reject ``ctx.order`` (catalog, relationships, changes in flight, bundle
    conflicts), for callers that check an order before capturing it (quotes, imports). Stores nothing."""
    return _check(ctx).rejections(ctx)


@dataclass(frozen=True)
class _Checked:
    result: CaptureResult
    related: list[Rejection]
    family: dict
    products: dict

    def rejections(self, ctx: StageContext) -> list[Rejection]:
        return (self.result.rejections + self.related + _in_flight(ctx, self.family)
                + _bundle_conflicts(ctx, self.family))


def _check(ctx: StageContext) -> _Checked:
    catalog = ctx.pack.bound("catalog")
    family = lock_family(ctx.uow.session, [product_id(item) for item in _change_items(ctx.order.payload)])
    products = change_products(ctx.uow.session, ctx.order.payload)
    result = validate_order(ctx.order.payload, ctx.pack.catalog, (catalog.key, catalog.version), at=ctx.now,
                            products=products, party_id=ctx.order.party_id)
    related = relationship_rejections(ctx.uow.session, ctx.pack.catalog, ctx.order.payload, ctx.order.party_id,
                                      ctx.order.id)
    return _Checked(result, related, family, products)


def _relationships_trace(catalog, found: list[Rejection]) -> TraceEntry:
    return TraceEntry(stage="capture", artifact=catalog.key, version=catalog.version, rule="relationships",
                      inputs={}, decision={"valid": not found, "reasons": [r.message for r in found]})


def _in_flight(ctx: StageContext, family: dict) -> list[Rejection]:
    """Products (or their bundles) another open order of the party is changing already."""
    items = [item for item in _change_items(ctx.order.payload) if _own(ctx, family, product_id(item))]
    if not items:
        return []
    busy = changes_in_flight(ctx.uow.session, ctx.order)
    cascading = changes_in_flight(ctx.uow.session, ctx.order, CASCADING)
    found = []
    for item in items:
        wanted, item_id = product_id(item), str(item.get("id"))
        if wanted in busy:
            found.append(Rejection(item_id, "change_in_progress", f"item {item_id}: product {wanted!r} already has "
                                   f"a change in progress (order {busy[wanted]})"))
            continue
        related = [(d, busy[d]) for d in descendants(family, wanted) if d in busy] \
            if change_kind(item) in CASCADING else []
        related += [(a, cascading[a]) for a in ancestors(family, wanted) if a in cascading]
        found += [Rejection(item_id, "change_in_progress", f"item {item_id}: product {wanted!r} is bundled with "
                            f"product {other!r}, which already has a change in progress (order {order_id})")
                  for other, order_id in related]
    return found


def _bundle_conflicts(ctx: StageContext, family: dict) -> list[Rejection]:
    """A bundled product named beside its parent's suspend, resume or disconnect must take the same action
    (it follows the parent anyway)."""
    items = _change_items(ctx.order.payload)
    cascading = {product_id(item): item for item in items if change_kind(item) in CASCADING}
    found = []
    for position, item in enumerate(ctx.order.payload.get("productOrderItem") or []):
        if item not in items or not _own(ctx, family, product_id(item)):
            continue
        parent = next((cascading[a] for a in ancestors(family, product_id(item)) if a in cascading), None)
        if parent is not None and change_kind(parent) != change_kind(item):
            verb = VERB.get(change_kind(parent), change_kind(parent))
            found.append(Rejection(str(item.get("id")), "follows_parent", (
                f"item {item.get('id')}: product {product_id(item)!r} is bundled in product {product_id(parent)!r}, "
                f"which item {parent.get('id')} will {verb}: it follows its parent, so leave it out or {verb} it "
                f"too (/productOrderItem/{position}/action)")))
    return found


def _own(ctx: StageContext, family: dict, wanted: str | None) -> bool:
    product = family.get(wanted)
    return product is not None and product.party_id == ctx.order.party_id


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
