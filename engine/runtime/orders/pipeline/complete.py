"""Stage ``completing``: products become active, contracts and entitlements are created (changed products are
modified, suspended, resumed or terminated, their contracts and entitlements following), the order ends.

Items realised by a failed domain order (or one cancelled because it depended on a failed one) fail and get
no product; so does a change item whose product can no longer take it (gone, or its status moved since
capture: the reason goes to the notes and ``stateReason``). The order ends ``partial`` when other items
complete, ``failed`` when none does."""
from __future__ import annotations

from sqlalchemy import select

from engine.lifecycle.changes import product_id
from engine.lifecycle.items import item_characteristics
from engine.lifecycle.trace import TraceEntry
from engine.runtime.orders.inventory import (
    DEFAULT_TERM_MONTHS,
    TERM_CHARACTERISTICS,
    create_contract,
    create_entitlement,
    create_product,
    run_products,
)
from engine.runtime.orders.persistence import add_note, set_state
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.failing import counts_for_outcome, fail_items, failed_item_ids
from engine.runtime.orders.product_changes import apply_change, change_problem
from engine.runtime.orders.product_family import lock_family
from engine.states import DomainOrderState, ProductOrderState, Stage
from engine.store.models import DomainOrder

PARENT_RELATIONSHIPS = {"isContainedIn", "bundledIn", "isBundledIn"}
CHANGE_ACTIONS = ("modify", "delete")


def run(ctx: StageContext) -> bool:
    domain_orders = [d for d in _domain_orders(ctx) if counts_for_outcome(d)]
    live = [item for item in ctx.order.items if item.state != ProductOrderState.CANCELLED]
    failed = failed_item_ids(domain_orders)
    if any(d.state != DomainOrderState.COMPLETED for d in domain_orders) and not failed:
        failed = {item.item_id for item in live}
    fail_items(ctx, failed, "a domain order realising it failed")
    stale = _stale_changes(ctx, [item for item in live if item.item_id not in failed])
    failed |= set(stale)
    reason = "; ".join(stale.values()) or None
    if failed and all(item.item_id in failed for item in live):
        set_state(ctx.uow, ctx.order, ProductOrderState.FAILED, stage=Stage.FAILED, reason=reason, items_to=None)
        return False
    products, existing = {}, run_products(ctx)
    named = frozenset(product_id(item.payload) for item in live if item.action in CHANGE_ACTIONS)
    for item in sorted(live, key=lambda i: _parent_item(i) is not None):
        if item.item_id in failed:
            continue
        if item.action in CHANGE_ACTIONS and product_id(item.payload):
            apply_change(ctx.uow, ctx.order, item, named)
        if item.action != "add":
            continue
        parent = products.get(_parent_item(item))
        products[item.item_id] = create_product(ctx.uow, ctx.order, item, name=_name(ctx, item),
                                                parent_id=parent.id if parent else None, existing=existing)
        if parent is None:
            _contract(ctx, item, products[item.item_id])
    target = ProductOrderState.PARTIAL if failed else ProductOrderState.COMPLETED
    set_state(ctx.uow, ctx.order, target, stage=Stage(target), reason=reason, items_to=ProductOrderState.COMPLETED)
    return False


def _domain_orders(ctx: StageContext) -> list[DomainOrder]:
    """The order's domain orders: those fulfilment ran in this run, else read."""
    handed = ctx.take_over(Stage.COMPLETING)
    if handed is not None:
        return handed
    return list(ctx.uow.session.execute(select(DomainOrder).where(DomainOrder.order_id == ctx.order.id)).scalars())


def _stale_changes(ctx: StageContext, items: list) -> dict[str, str]:
    """Change items that can no longer be applied (their products locked first), failed with the reason."""
    changes = [item for item in items if item.action in CHANGE_ACTIONS and product_id(item.payload)]
    if not changes:
        return {}
    lock_family(ctx.uow.session, [product_id(item.payload) for item in changes])
    stale = {item.item_id: reason for item in changes if (reason := change_problem(ctx.uow.session, item))}
    for item_id, reason in stale.items():
        fail_items(ctx, {item_id}, reason)
        add_note(ctx.uow, ctx.order, f"Not applied: {reason}")
    return stale


def _name(ctx: StageContext, item) -> str:
    offering = ctx.pack.catalog.offering(item.offering_id)
    return offering.name if offering else item.offering_id


def _parent_item(item) -> str | None:
    for relation in item.payload.get("productOrderItemRelationship") or []:
        if relation.get("relationshipType") in PARENT_RELATIONSHIPS:
            return str(relation.get("id"))
    return None


def _contract(ctx: StageContext, item, product) -> None:
    term, source = _term(ctx, item)
    contract = create_contract(ctx.uow, ctx.order, product, term)
    catalog = ctx.pack.catalog
    offering = catalog.offering(item.offering_id)
    services = []
    if offering is not None and hasattr(catalog, "realization") and catalog.specification(offering.specification_id):
        services = [r.specification for r in catalog.realization(offering.specification_id)
                    if r.specification.level == "service" and (r.specification.category or "CFS") == "CFS"]
    for specification in services:
        create_entitlement(ctx.uow, contract, product, specification)
    ctx.trace([TraceEntry(stage="complete", rule="contract-term", inputs={"itemId": item.item_id, "source": source},
                          decision={"termMonths": term, "entitlements": [s.id for s in services]})])


def _term(ctx: StageContext, item) -> tuple[int, str]:
    values = item_characteristics(item.payload)
    for name in TERM_CHARACTERISTICS:
        if str(values.get(name, "")).isdigit():
            return int(values[name]), f"characteristic {name}"
    offering = ctx.pack.catalog.offering(item.offering_id)
    for term in (getattr(offering, "raw", {}) or {}).get("productOfferingTerm") or []:
        duration = term.get("duration") or {}
        if str(duration.get("amount", "")).isdigit():
            months = int(duration["amount"]) * (12 if str(duration.get("units", "")).lower().startswith("year") else 1)
            return months, "offering productOfferingTerm"
    return DEFAULT_TERM_MONTHS, "default"
