"""The read views shared by TMF641 (service orders) and TMF652 (resource orders) of Ordo's domain orders."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from api.auth.scope import party_conditions, visible
from api.errors import ApiError
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.etags import tagged
from api.tmf.listing import ALWAYS, Ids, Listing, list_resources
from engine.store.models import CustomerOrder, DomainOrder, OrderItem

Serializer = Callable[..., dict]  # (domain order, its customer order, with_items=True) -> representation
# attributes whose serialized value is this column: filtered in SQL (others: on the representation)
COLUMNS = {"id": DomainOrder.id, "externalReference.name": DomainOrder.order_id,
           "orderRelationship.id": DomainOrder.order_id}
ITEMS = {"service": "serviceOrderItem", "resource": "orderItem"}


@dataclass
class OrderRef:
    """What a domain order's representation shows of its customer order."""

    id: str
    party_id: str | None
    external_id: str | None
    items: list = field(default_factory=list)


@dataclass
class ItemAction:
    item_id: str
    action: str


def list_domain_orders(domain: str, serialize: Serializer, base: str, type_: str):
    """The TMF list of the caller's visible domain orders of ``domain``, newest first."""
    ids = (select(DomainOrder.id).join(CustomerOrder, CustomerOrder.id == DomainOrder.order_id)
           .where(DomainOrder.domain == domain, *party_conditions(CustomerOrder.party_id))
           .order_by(DomainOrder.created_at.desc(), DomainOrder.id))
    return list_resources(Listing(ids, COLUMNS, _bodies(serialize, ITEMS[domain], base, type_)))


def _bodies(serialize: Serializer, items: str, base: str, type_: str):
    def bodies(session: Session, ids: Ids, wanted: frozenset[str] | None) -> dict[str, dict]:
        if wanted is not None and wanted <= ALWAYS:
            listed = ids if isinstance(ids, list) else session.scalars(ids)
            return {row_id: {"id": row_id, "href": f"{base}/{row_id}", "@type": type_} for row_id in listed}
        with_items = wanted is None or items in wanted
        rows = list(session.scalars(select(DomainOrder).where(DomainOrder.id.in_(ids))
                                    .options(*(() if with_items else (defer(DomainOrder.payload),)))))
        orders = _order_refs(session, {row.order_id for row in rows}, with_items)
        return {row.id: serialize(row, orders[row.order_id], with_items=with_items) for row in rows}
    return bodies


def _order_refs(session: Session, order_ids: set[str], with_items: bool) -> dict[str, OrderRef]:
    refs = {row.id: OrderRef(row.id, row.party_id, row.external_id) for row in session.execute(
        select(CustomerOrder.id, CustomerOrder.party_id, CustomerOrder.external_id)
        .where(CustomerOrder.id.in_(order_ids)))}
    if with_items and refs:
        for item in session.execute(select(OrderItem.order_id, OrderItem.item_id, OrderItem.action)
                                    .where(OrderItem.order_id.in_(order_ids))):
            refs[item.order_id].items.append(ItemAction(item.item_id, item.action))
    return refs


def get_domain_order(domain: str, serialize: Serializer, domain_order_id: str, label: str):
    """One domain order of ``domain`` by id with its ETag (304 when If-None-Match names it); 404 when absent,
    of another domain or not visible to the caller."""
    with runtime().reading() as session:
        found = session.get(DomainOrder, domain_order_id)
        order = _order_refs(session, {found.order_id}, True).get(found.order_id) if found is not None else None
        if found is None or found.domain != domain or order is None or not visible(order.party_id):
            raise ApiError(404, "Not Found", f"no {label} with id {domain_order_id}")
        return tagged(select_fields(serialize(found, order), request.args.get("fields")))
