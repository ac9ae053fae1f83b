"""In-flight revision: a merge-PATCH that changes the items of an ``inProgress`` order.

Per item: a change to an item past its point of no return (a point-of-no-return task of one of its
domain orders done, running or claimed) is refused, the rest goes ahead. Removing an item is
``{"id": ..., "state": "cancelled"}``; a new id adds an item. The accepted document is priced again (the
previous prices are kept with the delta) and decomposed again: a domain order whose lines are unchanged
goes on untouched; one whose lines changed is undone (its open tasks cancelled, its done work
compensated) and replaced by a new domain order, on hold until the undo is over; a domain order no
longer needed is undone; a new one is scheduled. ``assess`` writes nothing (the impact preview).

A revised document that breaks a product relationship of the catalog (requires, excludes, cardinality per
order and per customer, counting the party's holdings and other open orders; engine.runtime.orders.relationships)
is refused as a whole (422, nothing changed); the preview lists the same reasons in ``brokenRelationships``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from engine.errors import Conflict, Invalid
from engine.lifecycle.compensation import is_compensation, past_point_of_no_return, plan_undo
from engine.lifecycle.merge_patch import merge_patch
from engine.lifecycle.pricing import price_order
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.information import (
    SERVER_FIELDS,
    new_revision,
    refuse_server_fields,
    supply_information,
)
from engine.runtime.orders.persistence import lock_order, locked_order
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.compensation import (
    UNDOING,
    dependents,
    order_rows,
    plan_compensation,
    stop_open_tasks,
)
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.persist_plan import line_document, store_domain_order
from engine.runtime.orders.pipeline.price import pricing_document
from engine.runtime.orders.relationships import as_errors, revision_rejections
from engine.runtime.packs import pack_view
from engine.states import DOMAIN_ORDER, ORDER_ITEM, DomainOrderState, ProductOrderState, Stage
from engine.store.models import CustomerOrder, DomainOrder, OrderItem

REMOVED = "cancelled"
SETTLED = (DomainOrderState.CANCELLED, DomainOrderState.FAILED)


@dataclass
class Impact:
    """What a revision would do: the accepted document, and what is undone, redone, added and refused."""

    payload: dict
    refused: list[dict] = field(default_factory=list)
    undo: list[dict] = field(default_factory=list)
    redo: list[dict] = field(default_factory=list)
    add: list[dict] = field(default_factory=list)
    price_delta: dict = field(default_factory=dict)
    pricing: dict | None = None
    removed_items: list[str] = field(default_factory=list)
    added_items: list[str] = field(default_factory=list)
    plans: dict = field(default_factory=dict)
    replaced: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    broken_relationships: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.undo or self.redo or self.add or self.removed_items or self.added_items
                    or any(Decimal(value) != 0 for value in self.price_delta.values()))

    def document(self) -> dict:
        return {"undo": self.undo, "redo": self.redo, "add": self.add, "refused": self.refused,
                "priceDelta": self.price_delta, "removedItems": self.removed_items, "addedItems": self.added_items,
                "brokenRelationships": self.broken_relationships}


def patch_order(uow: UnitOfWork, order_id: str, patch: dict) -> tuple[CustomerOrder, dict | None]:
    """A merge-PATCH: an in-flight revision of an order being fulfilled (returns its impact), else the
    supply of missing information (engine.runtime.orders.information; impact None)."""
    touched = [f for f in SERVER_FIELDS if f in patch]
    order = lock_order(uow.session, order_id)
    if order is None or touched or not revisable(order) or _awaiting_information(uow, order):
        return supply_information(uow, order_id, patch), None
    return revise(uow, order_id, patch)


def _awaiting_information(uow: UnitOfWork, order: CustomerOrder) -> bool:
    return uow.session.execute(select(DomainOrder.id).where(
        DomainOrder.order_id == order.id, DomainOrder.state == DomainOrderState.AWAITING_INFORMATION)).first() \
        is not None


def revisable(order: CustomerOrder) -> bool:
    """An order being fulfilled can be revised in flight."""
    return order.state == ProductOrderState.IN_PROGRESS and order.stage == Stage.FULFILLING


def preview(uow: UnitOfWork, order_id: str, patch: dict) -> dict:
    """The impact of a revision without making it: ``{undo, redo, add, refused, priceDelta, ...}``."""
    ctx = _context(uow, order_id, patch)
    return assess(ctx, patch).document()


def revise(uow: UnitOfWork, order_id: str, patch: dict) -> tuple[CustomerOrder, dict]:
    """Make the revision (a new OrderRevision with its diff) and let the order run on; returns the order and
    the impact. 409 when every change is refused, 422 for content that cannot be priced or decomposed or that
    breaks a product relationship of the catalog (nothing changed)."""
    ctx = _context(uow, order_id, patch)
    impact = assess(ctx, patch)
    if impact.broken_relationships:
        raise Invalid(f"the revised order breaks {len(impact.broken_relationships)} product relationship(s) of the "
                      "catalog: " + "; ".join(e["message"] for e in impact.broken_relationships),
                      errors=impact.broken_relationships)
    if impact.refused and not impact.changed:
        raise Conflict("every change of this revision is refused", errors=impact.refused)
    if impact.payload != ctx.order.payload:
        new_revision(uow, ctx.order, impact.payload)
        apply(ctx, impact)
        advance_order(uow, ctx.order)
    return ctx.order, impact.document()


def _context(uow: UnitOfWork, order_id: str, patch: dict) -> StageContext:
    refuse_server_fields(patch)
    order = locked_order(uow.session, order_id)
    if not revisable(order):
        raise Conflict(f"order {order.id} is {order.state} ({order.stage}): only an order being fulfilled can be "
                       "revised in flight", state=order.state)
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    if not ctx.pack.bindings.get("decomposition"):
        raise Conflict("the order's rule pack has no decomposition rules: it cannot be revised in flight")
    return ctx


def assess(ctx: StageContext, patch: dict) -> Impact:
    """The impact of ``patch`` on the order in flight; writes nothing. Raises Invalid for bad content."""
    domain_orders, tasks = order_rows(ctx)
    live = [d for d in domain_orders if d.state not in SETTLED]
    proposed = merge_patch(ctx.order.payload, patch)
    refused: list[dict] = []
    impact = _decide_items(ctx, proposed, live, tasks, refused)
    positions = {str(i.get("id")): n for n, i in enumerate(proposed.get("productOrderItem") or [])}
    changed = _changed_item_ids(ctx.order.payload, proposed)
    while True:
        try:
            fresh = _decompose(ctx, impact.payload)
        except Invalid:
            impact.refused, impact.broken_relationships = refused, _broken_relationships(ctx, impact.payload)
            if impact.broken_relationships:  # the reason it cannot be decomposed, most likely
                return impact
            raise
        blocked = _blocked_items(fresh, live, tasks)
        done = {r["itemId"] for r in refused}
        newly = (blocked & changed) - done or (changed - done if blocked else set())
        if not newly:
            break
        refused += [_refusal(item_id, "its domain order is past its point of no return", positions.get(item_id))
                    for item_id in sorted(newly)]
        impact = _decide_items(ctx, proposed, live, tasks, refused)
    if blocked:
        raise Conflict("this revision would redo work past its point of no return", errors=[
            _refusal(item_id, "its domain order is past its point of no return") for item_id in sorted(blocked)])
    impact.refused = refused
    impact.broken_relationships = _broken_relationships(ctx, impact.payload)
    _plan_domain_orders(impact, fresh, live, tasks)
    if not impact.broken_relationships:  # refused as a whole: no price to tell
        _price(ctx, impact)
    return impact


def _broken_relationships(ctx: StageContext, payload: dict) -> list[dict]:
    return as_errors(revision_rejections(ctx.uow.session, ctx.pack.catalog, ctx.order, payload))


def _decide_items(ctx: StageContext, proposed: dict, live, tasks, refused: list[dict]) -> Impact:
    before = {str(i.get("id")): i for i in ctx.order.payload.get("productOrderItem") or []}
    rows = {i.item_id: i for i in ctx.order.items}
    passed = _items_past_point_of_no_return(live, tasks)
    already = {r["itemId"] for r in refused}
    accepted, removed, added = [], [], []
    for position, item in enumerate(proposed.get("productOrderItem") or []):
        item_id = str(item.get("id"))
        old = before.get(item_id)
        if old is not None and item == old:
            accepted.append(old)
        elif item_id in already or (item_id in passed and old is not None):
            if item_id not in already:
                refused.append(_refusal(item_id, "it is past its point of no return", position))
            accepted += [old] if old is not None else []
        elif old is None and item_id in rows:
            refused.append(_refusal(item_id, f"item {item_id} is {rows[item_id].state}", position, "item_closed"))
        elif item.get("state") == REMOVED:
            removed += [item_id] if old is not None else []
        else:
            accepted.append({k: v for k, v in item.items() if k != "state"})
            added += [item_id] if old is None else []
    if not accepted:
        raise Invalid("a revision cannot remove every item; cancel the order instead (cancelProductOrder)",
                      errors=[{"pointer": "/productOrderItem", "code": "no_items",
                               "message": "at least one item must remain"}])
    payload = {**copy.deepcopy(proposed), "productOrderItem": accepted}
    return Impact(payload=payload, removed_items=removed, added_items=added)


def _changed_item_ids(before: dict, after: dict) -> set[str]:
    old = {str(i.get("id")): i for i in before.get("productOrderItem") or []}
    return {str(i.get("id")) for i in after.get("productOrderItem") or [] if old.get(str(i.get("id"))) != i}


def _refusal(item_id: str, why: str, position: int | None = None, code: str = "point_of_no_return") -> dict:
    pointer = f"/productOrderItem/{position}" if position is not None else "/productOrderItem"
    return {"pointer": pointer, "code": code, "itemId": item_id,
            "message": f"item {item_id} cannot be changed: {why}"}


def _items_past_point_of_no_return(live, tasks) -> set[str]:
    blocked = {t.domain_order_id for t in tasks if past_point_of_no_return(t)}
    return {str(line.get("itemId")) for d in live if d.id in blocked for line in d.payload.get("lines", [])}


def _blocked_items(fresh, live, tasks) -> set[str]:
    """Items whose lines changed in a domain order that cannot be undone (past its point of no return)."""
    blocked_orders = {t.domain_order_id for t in tasks if past_point_of_no_return(t)}
    found = set()
    for domain_order in live:
        if domain_order.id not in blocked_orders:
            continue
        plan = fresh.get(domain_order.ref)
        new_lines = [line_document(line) for line in plan.lines] if plan else []
        found |= _changed_items(domain_order.payload.get("lines", []), new_lines)
    return found


def _changed_items(old_lines: list[dict], new_lines: list[dict]) -> set[str]:
    def by_item(lines):
        grouped: dict[str, list] = {}
        for line in lines:
            grouped.setdefault(str(line.get("itemId")), []).append(line)
        return grouped
    old, new = by_item(old_lines), by_item(new_lines)
    return {item for item in set(old) | set(new) if old.get(item) != new.get(item)}


def _decompose(ctx: StageContext, payload: dict) -> dict:
    from engine.lifecycle.decomposition import decompose_order

    binding = ctx.pack.bindings.get("orchestration") or {}
    result = decompose_order(payload, catalog=ctx.pack.catalog,
                             rules=ctx.pack.compiled(ctx.pack.bindings["decomposition"]),
                             plans={key: ctx.pack.compiled(key) for key in set(binding.values())},
                             plan_binding=binding, now=ctx.now)
    if result.problems:
        raise Invalid("the revised order cannot be decomposed: " + "; ".join(p.message for p in result.problems),
                      errors=[{"pointer": "/productOrderItem", "code": "decomposition", "message": p.message}
                              for p in result.problems])
    return {plan.ref: plan for plan in result.domain_orders}


def _plan_domain_orders(impact: Impact, fresh: dict, live, tasks) -> None:
    known = {d.ref for d in live}
    for domain_order in live:
        plan = fresh.get(domain_order.ref)
        if plan is not None and [line_document(line) for line in plan.lines] == domain_order.payload.get("lines"):
            continue
        own = [t for t in tasks if t.domain_order_id == domain_order.id]
        impact.undo += [{"domainOrder": domain_order.ref, "task": u.task.key, "compensation": u.key}
                        for u in plan_undo(own)]
        if plan is None:
            impact.dropped.append(domain_order)
        else:
            impact.replaced.append((domain_order, plan))
            impact.redo.append({"domainOrder": plan.ref, "tasks": [t.key for t in plan.tasks if not t.skipped]})
    for ref, plan in fresh.items():
        if ref not in known:
            impact.plans[ref] = plan
            impact.add.append({"domainOrder": ref, "tasks": [t.key for t in plan.tasks if not t.skipped]})


def _price(ctx: StageContext, impact: Impact) -> None:
    binding = ctx.pack.bindings.get("pricing")
    if not binding:
        return
    result = price_order(
        impact.payload, catalog=ctx.pack.catalog, price_list=ctx.pack.compiled(binding["priceList"]),
        matrices=tuple(ctx.pack.compiled(key) for key in binding.get("matrices", [])),
        adjustments=ctx.pack.compiled(binding["adjustments"]) if binding.get("adjustments") else None, at=ctx.now)
    if result.problems:
        raise Invalid("the revised order cannot be priced: " + "; ".join(p.message for p in result.problems),
                      errors=[{"pointer": "/productOrderItem", "code": "pricing", "message": p.message}
                              for p in result.problems])
    impact.pricing = pricing_document(result)
    impact.price_delta = price_delta((ctx.order.pricing or {}).get("orderTotalPrice") or [],
                                     impact.pricing["orderTotalPrice"])


def price_delta(before: list[dict], after: list[dict]) -> dict:
    """``{"oneTime": "10.00", "recurring:month": "-3.00"}``: new minus previous order totals (Decimal)."""
    old, new = _totals(before), _totals(after)
    return {key: str(new.get(key, Decimal(0)) - old.get(key, Decimal(0))) for key in sorted(set(old) | set(new))}


def _totals(prices: list[dict]) -> dict[str, Decimal]:
    found = {}
    for price in prices:
        key = price.get("priceType", "") + (f":{price['recurringChargePeriod']}"
                                            if price.get("recurringChargePeriod") else "")
        found[key] = Decimal(str(((price.get("price") or {}).get("dutyFreeAmount") or {}).get("value", 0)))
    return found


def apply(ctx: StageContext, impact: Impact) -> None:
    """Carry out an assessed revision in the caller's transaction (the revision row is the caller's)."""
    _revise_items(ctx, impact)
    if impact.pricing is not None:
        previous = {k: v for k, v in (ctx.order.pricing or {}).items() if k != "previous"}
        ctx.order.pricing = {**impact.pricing, "previous": previous, "delta": impact.price_delta}
    _, tasks = order_rows(ctx)
    undone = impact.dropped + [domain_order for domain_order, _ in impact.replaced]
    for domain_order in impact.dropped:
        _undo(ctx, domain_order, tasks, undone)
    for domain_order, plan in impact.replaced:
        undoing = _undo(ctx, domain_order, tasks, undone)
        replacement = store_domain_order(ctx.uow, ctx.order, plan)
        replacement.payload = {**replacement.payload, "replaces": domain_order.id}
        if undoing and replacement.state == DomainOrderState.SCHEDULED:
            replacement.state = DOMAIN_ORDER.check(replacement.state, DomainOrderState.ON_HOLD)
    for plan in impact.plans.values():
        store_domain_order(ctx.uow, ctx.order, plan)
    ctx.uow.audit("order.revision_applied", "productOrder", ctx.order.id,
                  {"revision": ctx.order.revision, **impact.document()})
    ctx.move_to(Stage.REVISING)


def _undo(ctx: StageContext, domain_order, tasks, undone: list) -> bool:
    own = [t for t in tasks if t.domain_order_id == domain_order.id]
    stop_open_tasks(ctx, own, f"superseded by revision {ctx.order.revision}")
    domain_order.state = DOMAIN_ORDER.check(domain_order.state, UNDOING)
    domain_order.updated_at = ctx.now
    created = plan_compensation(ctx, domain_order, tasks, cause=f"revision {ctx.order.revision}",
                                waits_for=dependents(domain_order, undone))
    return bool(created) or any(is_compensation(t) and t.state == "pending" for t in own)


def _revise_items(ctx: StageContext, impact: Impact) -> None:
    rows = {i.item_id: i for i in ctx.order.items}
    for item_id in impact.removed_items:
        item = rows[item_id]
        for state in (ProductOrderState.ASSESSING_CANCELLATION, ProductOrderState.PENDING_CANCELLATION,
                      ProductOrderState.CANCELLED):
            item.state = ORDER_ITEM.check(item.state, state)
    by_id = {str(i.get("id")): i for i in impact.payload["productOrderItem"]}
    for item_id in impact.added_items:
        item = by_id[item_id]
        ctx.order.items.append(OrderItem(
            item_id=item_id, position=len(ctx.order.items), action=item.get("action", "add"),
            offering_id=(item.get("productOffering") or {}).get("id"), quantity=item.get("quantity", 1),
            state=ProductOrderState.IN_PROGRESS, payload=item))
    for item in ctx.order.items:
        if item.item_id in by_id:
            item.quantity = by_id[item.item_id].get("quantity", item.quantity)
            item.offering_id = (by_id[item.item_id].get("productOffering") or {}).get("id", item.offering_id)
