"""Stage ``completing``: products become active, contracts and entitlements are created, the order ends."""
from __future__ import annotations

from sqlalchemy import select

from engine.lifecycle.items import item_characteristics
from engine.lifecycle.trace import TraceEntry
from engine.runtime.inventory import DEFAULT_TERM_MONTHS, create_contract, create_entitlement, create_product
from engine.runtime.orders import set_state
from engine.runtime.pipeline.context import StageContext
from engine.states import DomainOrderState, ProductOrderState
from engine.store.models import DomainOrder

TERM_CHARACTERISTICS = ("term", "contractTerm", "termMonths")
PARENT_RELATIONSHIPS = {"isContainedIn", "bundledIn", "isBundledIn"}


def run(ctx: StageContext) -> bool:
    states = set(ctx.uow.session.execute(select(DomainOrder.state).where(
        DomainOrder.order_id == ctx.order.id, DomainOrder.state != DomainOrderState.CANCELLED)).scalars())
    if states and states != {DomainOrderState.COMPLETED}:
        target = ProductOrderState.PARTIAL if DomainOrderState.COMPLETED in states else ProductOrderState.FAILED
        set_state(ctx.uow, ctx.order, target, stage=str(target), items_to=None)
        return False
    products = {}
    for item in sorted(ctx.order.items, key=lambda i: _parent_item(i) is not None):
        if item.action != "add" or item.state == ProductOrderState.CANCELLED:
            continue
        parent = products.get(_parent_item(item))
        products[item.item_id] = create_product(ctx.uow, ctx.order, item, name=_name(ctx, item),
                                                parent_id=parent.id if parent else None)
        if parent is None:
            _contract(ctx, item, products[item.item_id])
    set_state(ctx.uow, ctx.order, ProductOrderState.COMPLETED, stage="completed",
              items_to=ProductOrderState.COMPLETED)
    return False


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
