"""TMF622 ProductOrder representation of a stored order.

The stored order is a working document: enrichment writes internal facts onto it (``customerSegment``,
``loyaltyYears``, an item's ``characteristics`` ...) for pricing and fulfilment to read. Those stay internal
(in the stored order and its decision trace): the representation holds only the properties TMF622 declares for
a ProductOrder and its items, so it validates against the official schema and shows a customer nothing else.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from api.tmf.validation import declared_properties
from engine.clock import iso
from engine.store.models import CustomerOrder

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
MONEY = frozenset({"dutyFreeAmount", "taxIncludedAmount"})
RATES = frozenset({"percentage", "taxRate"})
SERVER_FIELDS = {"id", "href", "state", "orderDate", "completionDate", "productOrderItem", "note", "@type",
                 "orderTotalPrice"}
# what TMF622 declares (v5's requestedInitialState is accepted on create: api.tmf.states)
ORDER_PROPERTIES = declared_properties("ProductOrder") | {"requestedInitialState"}
ITEM_PROPERTIES = declared_properties("ProductOrderItem")
ALWAYS = frozenset({"id", "href", "@type"})
REQUIRED = frozenset({"productOrderItem"})  # what the TMF622 ProductOrder schema requires (fields= keeps it)


def order_href(order_id: str) -> str:
    return f"{BASE}/{order_id}"


def serialize_order(order: CustomerOrder) -> dict:
    """The order's TMF622 properties as the client sent them, overlaid with the fields the server owns."""
    body = {key: value for key, value in order.payload.items()
            if key in ORDER_PROPERTIES and key not in SERVER_FIELDS}
    body.update({
        "id": order.id,
        "href": order_href(order.id),
        "state": order.state,
        "orderDate": iso(order.order_date),
        "productOrderItem": [_item(order, item) for item in order.items],
        "@type": order.payload.get("@type", "ProductOrder"),
    })
    body.setdefault("relatedParty", [])  # TMF622 CTK: every order lists its parties, even none
    if order.pricing:
        body["orderTotalPrice"] = tmf_numbers(order.pricing.get("orderTotalPrice", []))
    if order.completion_date:
        body["completionDate"] = iso(order.completion_date)
    if order.notes:
        body["note"] = order.notes
    return body


def select_fields(body: dict, fields: str | None, required: frozenset[str] = frozenset()) -> dict:
    """Apply TMF ``fields=a,b``: keep those top-level attributes plus id, href, @type and the ``required``
    ones (those the resource's schema requires)."""
    if not fields:
        return body
    wanted = {f.strip() for f in fields.split(",") if f.strip()} | ALWAYS | required
    return {key: value for key, value in body.items() if key in wanted}


def _item(order: CustomerOrder, item) -> dict:
    body = {**_declared_item(item.payload), "id": item.item_id, "state": item.state}
    prices = ((order.pricing or {}).get("items") or {}).get(item.item_id)
    if prices:
        body.update(tmf_numbers(prices))
    return body


def _declared_item(payload: dict) -> dict:
    body = {key: value for key, value in payload.items() if key in ITEM_PROPERTIES}
    if isinstance(body.get("productOrderItem"), list):
        body["productOrderItem"] = [_declared_item(child) if isinstance(child, dict) else child
                                    for child in body["productOrderItem"]]
    return body


def tmf_numbers(value):
    """Prices with TMF622's number types: pricing keeps exact decimal strings (``"44.90"``), while the spec's
    Money.value, Price.percentage and Price.taxRate are numbers (44.9)."""
    if isinstance(value, list):
        return [tmf_numbers(element) for element in value]
    if not isinstance(value, dict):
        return value
    converted = {}
    for key, element in value.items():
        if key in MONEY and isinstance(element, dict) and "value" in element:
            element = {**element, "value": _number(element["value"])}
        elif key in RATES:
            element = _number(element)
        converted[key] = tmf_numbers(element)
    return converted


def _number(value):
    if isinstance(value, Decimal):  # pricing not yet read back from the database (a write's answer)
        value = str(value)
    if not isinstance(value, str):
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    return int(number) if number == number.to_integral_value() and "." not in value else float(number)
