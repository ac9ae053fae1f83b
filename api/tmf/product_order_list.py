"""The TMF622 productOrder list's reads: only the columns the asked-for attributes show.

``fields=id`` reads the ids, ``@type`` and items of the page (TMF622 requires ``productOrderItem``, so
``fields=`` always keeps it); the client's order body is read only when an attribute of it is shown, and always
without its copy of the items (``payload`` minus ``productOrderItem``, cut in SQL), so a page never carries the
item payloads of an order it does not show.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from api.serializers.product_order import serialize_order
from api.tmf.listing import Ids
from engine.store.models import CustomerOrder, OrderItem
from engine.store.types import JSONDocument

ITEMS = "productOrderItem"
# the parts of a stored order each server-owned attribute shows; any other attribute is the client's (``body``)
PARTS = {"id": (), "href": (), "@type": ("type",), "state": ("state",), "orderDate": ("order_date",),
         "completionDate": ("completion_date",), "note": ("notes",), "orderTotalPrice": ("total",),
         ITEMS: ("items",)}
ALL_PARTS = frozenset({"body", "state", "order_date", "completion_date", "notes", "total", "items"})


@dataclass
class ItemRecord:
    item_id: str
    state: str
    payload: dict


@dataclass
class OrderRecord:
    """What serialize_order reads of a CustomerOrder, holding only the parts a list asked for."""

    id: str
    state: str | None = None
    order_date: datetime | None = None
    completion_date: datetime | None = None
    notes: list = field(default_factory=list)
    payload: dict = field(default_factory=dict)
    pricing: dict | None = None
    items: list[ItemRecord] = field(default_factory=list)


def parts_for(wanted: frozenset[str] | None) -> frozenset[str]:
    """The parts of the stored order that show the ``wanted`` attributes (None: every attribute)."""
    if wanted is None:
        return ALL_PARTS
    parts = {part for name in wanted for part in PARTS.get(name, ("body",))}
    return frozenset(parts - {"type"} if "body" in parts else parts)


def order_bodies(session: Session, ids: Ids, wanted: frozenset[str] | None) -> dict[str, dict]:
    """The TMF622 representations of the orders ``ids``, by id, holding the ``wanted`` attributes."""
    parts = parts_for(wanted)
    dialect = session.get_bind().dialect.name
    records = {row.id: _record(row, parts) for row in session.execute(
        select(*_columns(parts, dialect)).where(CustomerOrder.id.in_(ids)))}
    if "items" in parts and records:
        for item in session.execute(select(OrderItem.order_id, OrderItem.item_id, OrderItem.state,
                                           OrderItem.payload)
                                    .where(OrderItem.order_id.in_(ids))
                                    .order_by(OrderItem.order_id, OrderItem.position)):
            records[item.order_id].items.append(ItemRecord(item.item_id, item.state, item.payload))
    return {order_id: serialize_order(record) for order_id, record in records.items()}


def _columns(parts: frozenset[str], dialect: str) -> list:
    columns = [CustomerOrder.id]
    for name in ("state", "order_date", "completion_date", "notes"):
        if name in parts:
            columns.append(getattr(CustomerOrder, name))
    if "body" in parts:
        columns.append(_without_items(dialect).label("body"))
    if "type" in parts:
        columns.append(CustomerOrder.payload["@type"].as_string().label("type"))
    if "total" in parts:
        columns.append(CustomerOrder.pricing["orderTotalPrice"].label("total"))
    if "items" in parts:
        columns.append(CustomerOrder.pricing["items"].label("item_prices"))
    return columns


def _without_items(dialect: str):
    """The client's order body without its copy of the items, cut by the database."""
    if dialect == "postgresql":
        return type_coerce(CustomerOrder.payload.op("-")(cast(ITEMS, Text)), JSONDocument)
    return type_coerce(func.json_remove(CustomerOrder.payload, f"$.{ITEMS}"), JSONDocument)


def _record(row, parts: frozenset[str]) -> OrderRecord:
    values = row._mapping
    record = OrderRecord(id=row.id, state=values.get("state"), order_date=values.get("order_date"),
                         completion_date=values.get("completion_date"), notes=values.get("notes") or [])
    if "body" in parts:
        record.payload = values["body"] or {}
    elif "type" in parts and values["type"] is not None:
        record.payload = {"@type": values["type"]}
    pricing = {}
    if values.get("total") is not None:
        pricing["orderTotalPrice"] = values["total"]
    if values.get("item_prices") is not None:
        pricing["items"] = values["item_prices"]
    record.pricing = pricing or None
    return record
