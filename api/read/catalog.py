"""The active pack's catalog as order capture shows it: sellable offerings, their list prices, their
specification's characteristics as a JSON Schema (for a form) and their relationships in words."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, sort_by
from api.errors import ApiError
from engine.kinds.catalog.characteristics import CharacteristicSpec
from engine.kinds.catalog.model import CompiledCatalog, Offering
from engine.runtime.packs import NoActivePack, PackView, active_pack, pack_view

SCHEMA_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
                "date": "string", "dateTime": "string"}
FORMATS = {"date": "date", "dateTime": "date-time"}


class ListPrice(Model):
    price_type: str = Field(description="oneTime, recurring or usage")
    period: str | None = Field(description="recurring charge period, e.g. month")
    unit: str | None = Field(description="unit of a usage price")
    amount: str = Field(description="Decimal as a string")
    currency: str
    conditional: bool = Field(description="applies only to some configurations (e.g. technician installation)")
    name: str | None = Field(description="the price list row")


class OfferingSummary(Model):
    id: str
    name: str
    description: str | None
    category: list[str]
    bundle: bool
    place_required: bool = Field(description="an add item needs the installation address")
    prices: list[ListPrice] = Field(description="the price list's rows valid now (matrices may replace them)")


class OfferingView(OfferingSummary):
    specification: str
    characteristics_schema: dict[str, Any] = Field(
        description="JSON Schema (draft 7) of the item's characteristics: types, enums, required, defaults")
    relationships: list[str] = Field(description="requires / excludes / cardinality, in words")
    min_quantity: int | None
    max_quantity: int | None


class OfferingQuery(ListQuery):
    sort: sort_by("name", "id") | None = Field(None, description="default: by name")
    q: str | None = Field(None, max_length=200, description="words in the id, name, description or category")
    category: str | None = Field(None, max_length=200)


def active_view(session: Session) -> PackView:
    """The active pack's view; 503 when no pack is active."""
    try:
        return pack_view(session, active_pack(session).id)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error


def offering_page(session: Session, query: OfferingQuery, now: datetime) -> Page[OfferingSummary]:
    """Sellable offerings matching the query, a page of them."""
    view = active_view(session)
    found = [o for o in view.catalog.offerings.values() if o.sellable_at(now) and _matches(o, query)]
    key = (lambda o: o.id) if query.sort_key == "id" else (lambda o: (o.name.lower(), o.id))
    found.sort(key=key, reverse=query.descending)
    page = found[query.offset:query.offset + query.limit]
    return Page([OfferingSummary(**_summary(view, o, now)) for o in page], len(found))


def offering_view(session: Session, offering_id: str, now: datetime) -> OfferingView:
    """One sellable offering with its form schema and relationships; 404 when not sellable now."""
    view = active_view(session)
    offering = view.catalog.offering(offering_id)
    if offering is None or not offering.sellable_at(now):
        raise ApiError(404, "Not Found", f"no sellable product offering with id {offering_id}")
    return OfferingView(**_summary(view, offering, now), specification=offering.specification_id,
                        characteristics_schema=characteristics_schema(view.catalog, offering),
                        relationships=relationships_in_words(offering),
                        min_quantity=offering.min_quantity, max_quantity=offering.max_quantity)


def _matches(offering: Offering, query: OfferingQuery) -> bool:
    categories = [str(c) for c in offering.raw.get("category") or []]
    if query.category and query.category not in categories:
        return False
    if not query.q:
        return True
    text = " ".join([offering.id, offering.name, str(offering.raw.get("description") or ""), *categories]).lower()
    return all(word in text for word in query.q.lower().split())


def _summary(view: PackView, offering: Offering, now: datetime) -> dict:
    return {"id": offering.id, "name": offering.name, "description": offering.raw.get("description"),
            "category": [str(c) for c in offering.raw.get("category") or []], "bundle": offering.is_bundle,
            "place_required": offering.place_required, "prices": list_prices(view, offering.id, now)}


def list_prices(view: PackView, offering_id: str, now: datetime) -> list[ListPrice]:
    """The bound price list's rows of the offering valid at ``now`` (conditions not evaluated, but flagged)."""
    binding = view.bindings.get("pricing")
    if not binding:
        return []
    price_list = view.compiled(binding["priceList"])
    found = []
    for entry in price_list.entries.get(offering_id, ()):
        if (entry.valid_from and now < entry.valid_from) or (entry.valid_to and now >= entry.valid_to):
            continue
        line = entry.line
        found.append(ListPrice(price_type=line.price_type, period=line.period, unit=line.unit,
                               amount=str(line.amount), currency=line.currency,
                               conditional=entry.condition is not None, name=_row(line.source)))
    return found


def _row(source) -> str | None:
    row = getattr(source, "row", None)
    return None if row is None else str(row)


def characteristics_schema(catalog: CompiledCatalog, offering: Offering) -> dict:
    """The specification's characteristics as a JSON Schema object an rjsf form renders."""
    specification = catalog.specification(offering.specification_id)
    characteristics = specification.characteristics if specification else {}
    properties = {name: _property(spec) for name, spec in characteristics.items()}
    required = [name for name, spec in characteristics.items() if spec.required and spec.default is None]
    schema: dict = {"type": "object", "title": offering.name, "properties": properties,
                    "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _property(spec: CharacteristicSpec) -> dict:
    prop: dict = {"type": SCHEMA_TYPES.get(spec.value_type, "string"), "title": spec.name}
    if spec.value_type in FORMATS:
        prop["format"] = FORMATS[spec.value_type]
    if spec.allowed is not None and spec.value_type not in FORMATS:
        prop["enum"] = [_json(value) for value in spec.allowed]
    if spec.default is not None:
        prop["default"] = _json(spec.default)
    if spec.minimum is not None and spec.value_type not in FORMATS:
        prop["minimum"] = _json(spec.minimum)
    if spec.maximum is not None and spec.value_type not in FORMATS:
        prop["maximum"] = _json(spec.maximum)
    if spec.pattern is not None:
        prop["pattern"] = spec.pattern.pattern
    if spec.unit:
        prop["description"] = f"in {spec.unit}"
    if not spec.configurable:
        prop["readOnly"] = True
    return prop


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def relationships_in_words(offering: Offering) -> list[str]:
    """``requires 'spec-fibre-access' (fibre-100 / fibre-500)``, ``at most 4 per order`` ..."""
    words = [f"requires {r.describe()}" for r in offering.requires]
    words += [f"excludes {r.describe()}" for r in offering.excludes]
    if offering.per_order is not None:
        words.append(f"{offering.per_order.describe()} per order")
    if offering.per_customer is not None:
        words.append(f"{offering.per_customer.describe()} per customer")
    if offering.bundled_offering_ids:
        words.append("bundles " + ", ".join(offering.bundled_offering_ids))
    return words
