"""TMF641 ServiceOrder and TMF652 ResourceOrder representations of Ordo's service and resource domain orders.

Mapping (TMF641 / TMF652 v4 resource shapes; Ordo stores no 641/652 spec):

- the domain order is the ServiceOrder / ResourceOrder: ``id``, ``orderDate`` (created), ``completionDate``
  (when completed), ``state`` (``STATE`` below), ``description`` (decomposition ref and fulfilment system),
  ``externalReference`` / ``orderRelationship``: the TMF622 productOrder it fulfils, ``relatedParty``: that
  order's customer party;
- each decomposition line is one item (``serviceOrderItem`` / ``orderItem``): ``id`` (``<productOrderItem
  id>.<rule>``), ``action`` (of its product order item), ``quantity``, ``state`` (the order's: Ordo tracks tasks,
  not lines), and the service / resource with its specification ref and characteristics.
"""
from __future__ import annotations

from api.serializers.product_order import order_href
from engine.clock import iso
from engine.states import DomainOrderState
from engine.store.models import CustomerOrder, DomainOrder

D = DomainOrderState
# Ordo's domain order states -> the TMF641/652 order (and item) states
STATE = {D.DRAFT: "acknowledged", D.SCHEDULED: "acknowledged", D.AWAITING_INFORMATION: "pending",
         D.IN_PROGRESS: "inProgress", D.ON_HOLD: "held", D.COMPLETED: "completed", D.FAILED: "failed",
         D.CANCELLATION_IN_PROGRESS: "pendingCancellation", D.CANCELLED: "cancelled"}
SERVICE_BASE = "/tmf-api/serviceOrdering/v4/serviceOrder"
RESOURCE_BASE = "/tmf-api/resourceOrderingManagement/v4/resourceOrder"


def serialize_service_order(domain_order: DomainOrder, order: CustomerOrder,
                            with_items: bool = True) -> dict:
    """The TMF641 ServiceOrder view of a ``service`` domain order of ``order`` (``serviceOrderItem`` only
    ``with_items``: it reads the domain order's lines and the order's items)."""
    body = _order(domain_order, order, SERVICE_BASE, "ServiceOrder")
    if not with_items:
        return body
    actions = _actions(order)
    body["serviceOrderItem"] = [
        {**_item(domain_order, actions, line), "service": {
            "serviceSpecification": {"id": line.get("specification"), "@referredType": "ServiceSpecification"},
            "serviceCharacteristic": _characteristics(line), "@type": "Service"},
         "@type": "ServiceOrderItem"}
        for line in _lines(domain_order)]
    return body


def serialize_resource_order(domain_order: DomainOrder, order: CustomerOrder,
                             with_items: bool = True) -> dict:
    """The TMF652 ResourceOrder view of a ``resource`` domain order of ``order`` (``orderItem`` only
    ``with_items``)."""
    body = _order(domain_order, order, RESOURCE_BASE, "ResourceOrder")
    if not with_items:
        return body
    actions = _actions(order)
    body["orderItem"] = [
        {**_item(domain_order, actions, line), "resourceSpecification": _resource_spec(line), "resource": {
            "resourceSpecification": _resource_spec(line), "resourceCharacteristic": _characteristics(line),
            "@type": "Resource"},
         "@type": "ResourceOrderItem"}
        for line in _lines(domain_order)]
    return body


def tmf_state(domain_order: DomainOrder) -> str:
    return STATE.get(domain_order.state, domain_order.state)


def _order(domain_order: DomainOrder, order: CustomerOrder, base: str, type_: str) -> dict:
    product_order = {"id": order.id, "href": order_href(order.id)}
    body = {
        "id": domain_order.id,
        "href": f"{base}/{domain_order.id}",
        "description": f"{domain_order.ref} ({domain_order.fulfilment_system or 'no fulfilment system'})",
        "state": tmf_state(domain_order),
        "orderDate": iso(domain_order.created_at),
        "externalReference": [{"externalReferenceType": "productOrder", "name": order.id,
                               "href": product_order["href"], "@type": "ExternalReference"}],
        "orderRelationship": [{**product_order, "relationshipType": "fulfils", "@referredType": "ProductOrder",
                               "@type": "OrderRelationship"}],
        "relatedParty": [{"id": order.party_id, "role": "customer", "@referredType": "Party",
                          "@type": "RelatedParty"}] if order.party_id else [],
        "@type": type_,
    }
    if order.external_id:
        body["externalId"] = order.external_id
    if domain_order.state == D.COMPLETED:
        body["completionDate"] = iso(domain_order.updated_at)
    return body


def _lines(domain_order: DomainOrder) -> list[dict]:
    return [line for line in (domain_order.payload or {}).get("lines") or [] if isinstance(line, dict)]


def _actions(order: CustomerOrder) -> dict[str, str]:
    return {item.item_id: item.action for item in order.items}


def _item(domain_order: DomainOrder, actions: dict[str, str], line: dict) -> dict:
    return {"id": str(line.get("id")), "action": actions.get(str(line.get("itemId")), "add"),
            "quantity": line.get("quantity", 1), "state": tmf_state(domain_order)}


def _resource_spec(line: dict) -> dict:
    return {"id": line.get("specification"), "@referredType": "ResourceSpecification"}


def _characteristics(line: dict) -> list[dict]:
    return [{"name": name, "value": value, "valueType": _value_type(value)}
            for name, value in (line.get("characteristics") or {}).items()]


def _value_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"
