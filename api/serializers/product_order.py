"""TMF622 ProductOrder representation of a stored order."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from engine.clock import iso
from engine.store.models import CustomerOrder

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
MONEY = frozenset({"dutyFreeAmount", "taxIncludedAmount"})
RATES = frozenset({"percentage", "taxRate"})
SERVER_FIELDS = {"id", "href", "state", "orderDate", "completionDate", "productOrderItem", "note", "@type",
                 "orderTotalPrice"}


def order_href(order_id: str) -> str:
    return f"{BASE}/{order_id}"


def serialize_order(order: CustomerOrder) -> dict:
    """The order as the client sent it, overlaid with the fields the server owns."""
    body = {key: value for key, value in order.payload.items() if key not in SERVER_FIELDS}
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


def select_fields(body: dict, fields: str | None) -> dict:
    """Apply TMF ``fields=a,b``: keep those top-level attributes plus id, href and @type."""
    if not fields:
        return body
    wanted = {f.strip() for f in fields.split(",") if f.strip()} | {"id", "href", "@type"}
    return {key: value for key, value in body.items() if key in wanted}


def _item(order: CustomerOrder, item) -> dict:
    body = {**item.payload, "id": item.item_id, "state": item.state}
    prices = ((order.pricing or {}).get("items") or {}).get(item.item_id)
    if prices:
        body.update(tmf_numbers(prices))
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
