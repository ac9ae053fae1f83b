"""The read views shared by TMF641 (service orders) and TMF652 (resource orders) of Ordo's domain orders."""
from __future__ import annotations

from collections.abc import Callable

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import object_session

from api.auth.scope import party_conditions, visible
from api.errors import ApiError
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.listing import list_resources
from engine.store.models import CustomerOrder, DomainOrder

Serializer = Callable[[DomainOrder, CustomerOrder], dict]
# attributes whose serialized value is this column: filtered in SQL (others: on the representation)
COLUMNS = {"id": DomainOrder.id, "externalReference.name": DomainOrder.order_id,
           "orderRelationship.id": DomainOrder.order_id}


def list_domain_orders(domain: str, serialize: Serializer):
    """The TMF list of the caller's visible domain orders of ``domain``, newest first."""
    statement = (select(DomainOrder).join(CustomerOrder, CustomerOrder.id == DomainOrder.order_id)
                 .where(DomainOrder.domain == domain, *party_conditions(CustomerOrder.party_id))
                 .order_by(DomainOrder.created_at.desc(), DomainOrder.id))
    return list_resources(statement, lambda row: serialize(row, _customer_order(row)), COLUMNS)


def get_domain_order(domain: str, serialize: Serializer, domain_order_id: str, label: str) -> dict:
    """One domain order of ``domain`` by id; 404 when absent, of another domain or not visible to the caller."""
    with runtime().reading() as session:
        found = session.get(DomainOrder, domain_order_id)
        order = session.get(CustomerOrder, found.order_id) if found is not None else None
        if found is None or found.domain != domain or order is None or not visible(order.party_id):
            raise ApiError(404, "Not Found", f"no {label} with id {domain_order_id}")
        return select_fields(serialize(found, order), request.args.get("fields"))


def _customer_order(domain_order: DomainOrder) -> CustomerOrder:
    return object_session(domain_order).get(CustomerOrder, domain_order.order_id)
