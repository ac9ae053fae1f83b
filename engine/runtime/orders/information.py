"""Supplying missing information to an order (a merge-PATCH), which resumes what waited for it.

A ``pending`` order (enrichment named what is missing) goes back to ``acknowledged`` and enrichment
runs again. An ``inProgress`` order whose domain orders wait in ``awaitingInformation`` (staggered
decomposition) gets those domain orders decomposed again and scheduled. Any other change to an
order being fulfilled is an in-flight revision (engine.runtime.orders.revisions); to others it is a 409. Supplied
information may not add items, change an item's action or offering, or break a product relationship of
the catalog (the capture stage does not run again): 422 naming each, nothing changed.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.errors import Conflict, Invalid
from engine.lifecycle.merge_patch import changes, merge_patch
from engine.lifecycle.trace import TraceEntry
from engine.runtime.context import UnitOfWork
from engine.runtime.events import outbox as events
from engine.runtime.orders.persistence import locked_order, replace_payload, set_state
from engine.runtime.orders.pipeline.advance import advance_order
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.orders.pipeline.persist_plan import line_document, store_tasks
from engine.runtime.orders.relationships import as_errors, revision_rejections
from engine.runtime.packs import pack_view
from engine.states import DOMAIN_ORDER, DomainOrderState, ProductOrderState, Stage
from engine.store.models import CustomerOrder, DomainOrder, OrderRevision

SERVER_FIELDS = ("id", "href", "state", "orderDate", "completionDate", "@type")


def supply_information(uow: UnitOfWork, order_id: str, patch: dict) -> CustomerOrder:
    order = locked_order(uow.session, order_id)
    refuse_server_fields(patch)
    waiting = _awaiting_domain_orders(uow, order)
    if order.stage != Stage.AWAITING_INFORMATION and not waiting:
        raise Conflict(f"order {order.id} is {order.state} ({order.stage}) and waits for no information; "
                       "only an order being fulfilled can be revised in flight", state=order.state)
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    revised = merge_patch(order.payload, patch)
    _refuse_other_changes(uow, ctx, revised)
    new_revision(uow, order, revised)
    if order.stage == Stage.AWAITING_INFORMATION:
        set_state(uow, order, ProductOrderState.ACKNOWLEDGED, stage=Stage.ENRICHING,
                  items_to=ProductOrderState.ACKNOWLEDGED)
    else:
        _release_domain_orders(ctx, waiting)
    advance_order(uow, order)
    return order


def _refuse_other_changes(uow: UnitOfWork, ctx: StageContext, revised: dict) -> None:
    """Supplied information completes the items: it neither adds items nor changes what an item does (its
    action and offering), and breaks no product relationship (the capture stage does not run again)."""
    problems = _item_changes(ctx.order, revised) + as_errors(revision_rejections(uow.session, ctx.pack.catalog,
                                                                                 ctx.order, revised))
    if problems:
        raise Invalid(f"the supplied information changes the order in {len(problems)} way(s) it may not: "
                      + "; ".join(p["message"] for p in problems), errors=problems)


def _item_changes(order: CustomerOrder, revised: dict) -> list[dict]:
    rows = {item.item_id: item for item in order.items}
    found = []
    for position, item in enumerate(revised.get("productOrderItem") or []):
        item_id = str(item.get("id")) if isinstance(item, dict) else None
        row, at = rows.get(item_id), f"/productOrderItem/{position}"
        if row is None:
            found.append({"pointer": f"{at}/id", "code": "item_added", "message": (
                f"item {item_id} is new: supplying information does not add items; revise the order once it is "
                f"being fulfilled, or order it separately ({at}/id)")})
            continue
        for member, old, new in (("action", row.payload.get("action", "add"), item.get("action", "add")),
                                 ("productOffering/id", _offering(row.payload), _offering(item))):
            if old != new:
                found.append({"pointer": f"{at}/{member}", "code": "item_changed", "message": (
                    f"item {item_id}: supplying information does not change its {member} ({old!r} to {new!r}) "
                    f"({at}/{member})")})
    return found


def _offering(item: dict) -> object:
    return (item.get("productOffering") or {}).get("id")


def refuse_server_fields(patch: dict) -> None:
    """A merge-PATCH may not set what the server sets (id, state, dates…): 422 naming each field."""
    touched = [f for f in SERVER_FIELDS if f in patch]
    if touched:
        raise Invalid("these fields are set by the server", errors=[
            {"pointer": f"/{f}", "code": "read_only", "message": f"{f} cannot be changed"} for f in touched])


def _awaiting_domain_orders(uow: UnitOfWork, order: CustomerOrder) -> list[DomainOrder]:
    return list(uow.session.execute(select(DomainOrder).where(
        DomainOrder.order_id == order.id, DomainOrder.state == DomainOrderState.AWAITING_INFORMATION)).scalars())


def new_revision(uow: UnitOfWork, order: CustomerOrder, payload: dict) -> None:
    """A new OrderRevision with its diff; the order takes the new document (audited, evented)."""
    diff = changes(order.payload, payload)
    replace_payload(order, payload)
    order.revision, order.updated_at = order.revision + 1, uow.now
    uow.session.add(OrderRevision(order_id=order.id, revision=order.revision, payload=payload, diff=diff,
                                  actor=uow.actor, created_at=uow.now))
    uow.audit("order.revised", "productOrder", order.id, {"revision": order.revision, "changes": len(diff)})
    events.attribute_value_changed(uow, order, diff)


def _release_domain_orders(ctx: StageContext, waiting: list[DomainOrder]) -> None:
    from engine.lifecycle.decomposition import decompose_order

    binding = ctx.pack.bindings.get("orchestration") or {}
    fresh = decompose_order(ctx.order.payload, catalog=ctx.pack.catalog,
                            rules=ctx.pack.compiled(ctx.pack.bindings["decomposition"]),
                            plans={key: ctx.pack.compiled(key) for key in set(binding.values())},
                            plan_binding=binding, now=ctx.now)
    by_ref = {d.ref: d for d in fresh.domain_orders}
    for domain_order in waiting:
        plan = by_ref.get(domain_order.ref)
        if plan is None or plan.state == DomainOrderState.AWAITING_INFORMATION:
            continue
        domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.SCHEDULED)
        domain_order.missing, domain_order.updated_at = None, ctx.now
        domain_order.plan_key, domain_order.plan_version = plan.plan_key, plan.plan_version
        domain_order.payload = {**domain_order.payload, "lines": [line_document(line) for line in plan.lines]}
        store_tasks(ctx.uow, ctx.order, domain_order, plan.tasks)
        ctx.uow.audit("domain_order.released", "domainOrder", domain_order.id, {"ref": domain_order.ref})
    ctx.trace([entry for entry in fresh.trace
               if (entry.inputs or {}).get("domainOrder") in {d.ref for d in waiting}]
              + [TraceEntry(stage="decompose", rule="staggered-release", inputs={"awaiting": [d.ref for d in waiting]},
                            decision={"released": [d.ref for d in waiting
                                                   if d.state == DomainOrderState.SCHEDULED]})])
