"""Capture: validate a ProductOrder against the compiled catalog of the pack it is pinned to."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from engine.lifecycle.changes import (
    CHANGE_KINDS,
    MODIFY,
    RESUME,
    SUSPEND,
    InventoryProduct,
    change_kind,
    product_id,
    requested_characteristics,
    state_problem,
)
from engine.lifecycle.items import item_characteristics
from engine.lifecycle.trace import TraceEntry

ACTIONS_NEEDING_OFFERING = frozenset({"add"})


@dataclass(frozen=True)
class Rejection:
    """Why an order (item ``item_id``, None for the whole order) cannot be captured; ``pointer`` is where."""

    item_id: str | None
    code: str
    message: str
    pointer: str | None = None


@dataclass(frozen=True)
class CaptureResult:
    rejections: list[Rejection] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.rejections


def validate_order(order: dict, catalog, catalog_ref: tuple[str, int] | None = None,
                   at: datetime | None = None, products: Mapping[str, InventoryProduct] | None = None,
                   party_id: str | None = None) -> CaptureResult:
    """Check every item against the catalog; return every reason for rejection, not only the first.

    Change items (modify, suspend, resume, delete) are checked against ``products`` (the inventory
    products they name, by id): a product of another party than ``party_id`` is treated as unknown."""
    rejections: list[Rejection] = []
    trace: list[TraceEntry] = []
    items = order.get("productOrderItem") or []
    if not items:
        rejections.append(Rejection(None, "no_items", "the order has no productOrderItem"))
    named: dict[str, str] = {}
    for position, item in enumerate(items):
        if change_kind(item) in CHANGE_KINDS:
            found = _validate_change(item, position, catalog, products or {}, party_id)
            found += _named_twice(item, position, named)
        else:
            found = _validate_item(order, item, catalog, at)
        rejections.extend(found)
        trace.append(TraceEntry(
            stage="capture", artifact=catalog_ref[0] if catalog_ref else None,
            version=catalog_ref[1] if catalog_ref else None, rule="item-valid",
            inputs={"itemId": item.get("id"), "productOffering": (item.get("productOffering") or {}).get("id")},
            decision={"valid": not found, "reasons": [r.message for r in found]}))
    return CaptureResult(rejections, trace)


def _validate_item(order: dict, item: dict, catalog, at: datetime | None) -> list[Rejection]:
    item_id = str(item.get("id"))
    if item.get("action", "add") not in ACTIONS_NEEDING_OFFERING:
        return [Rejection(item_id, "action_not_supported",
                          f"item {item_id}: action {item.get('action')!r} is not supported yet")]
    offering_id = (item.get("productOffering") or {}).get("id")
    if not offering_id:
        return [Rejection(item_id, "offering_missing", f"item {item_id}: productOffering.id is missing")]
    offering = catalog.offering(offering_id)
    if offering is None:
        return [Rejection(item_id, "offering_unknown",
                          f"item {item_id}: product offering {offering_id!r} is not in the catalog")]
    sellable = offering.sellable_at(at) if at is not None and hasattr(offering, "sellable_at") else offering.sellable
    if not sellable:
        return [Rejection(item_id, "offering_not_sellable",
                          f"item {item_id}: product offering {offering_id!r} is not sellable")]
    return (_quantity(item_id, item, offering) + _characteristics(item_id, item, offering, catalog)
            + _parties_and_place(item_id, order, item, offering))


def _quantity(item_id: str, item: dict, offering) -> list[Rejection]:
    quantity = item.get("quantity", 1)
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return [Rejection(item_id, "quantity_invalid", f"item {item_id}: quantity must be a whole number >= 1")]
    low, high = getattr(offering, "min_quantity", None), getattr(offering, "max_quantity", None)
    if (low is not None and quantity < low) or (high is not None and quantity > high):
        return [Rejection(item_id, "quantity_out_of_range",
                          f"item {item_id}: quantity {quantity} is outside {low or 1}..{high or '∞'} "
                          f"for {offering.id!r}")]
    return []


def _characteristics(item_id: str, item: dict, offering, catalog) -> list[Rejection]:
    if not hasattr(catalog, "check_characteristics") or catalog.specification(offering.specification_id) is None:
        return []
    problems = catalog.check_characteristics(offering.specification_id, item_characteristics(item))
    return [Rejection(item_id, p.code, f"item {item_id}: characteristic {p.message}") for p in problems]


def _parties_and_place(item_id: str, order: dict, item: dict, offering) -> list[Rejection]:
    found = []
    roles = {str(p.get("role", "")).lower() for p in order.get("relatedParty") or [] if isinstance(p, dict)}
    for role in getattr(offering, "required_party_roles", ()):
        if role.lower() not in roles:
            found.append(Rejection(item_id, "party_missing",
                                   f"item {item_id}: {offering.id!r} needs a related party with role {role!r}"))
    places = (item.get("product") or {}).get("place") or item.get("place") or order.get("place")
    if getattr(offering, "place_required", False) and not places:
        found.append(Rejection(item_id, "place_missing", f"item {item_id}: {offering.id!r} needs a place "
                               "(the installation address) on the item's product"))
    return found


def _validate_change(item: dict, position: int, catalog, products: Mapping[str, InventoryProduct],
                     party_id: str | None) -> list[Rejection]:
    item_id, kind, at = str(item.get("id")), change_kind(item), f"/productOrderItem/{position}"
    wanted = product_id(item)
    if wanted is None:
        return [Rejection(item_id, "product_missing",
                          f"item {item_id}: a {kind} item must name the product ({at}/product/id)")]
    product = products.get(wanted)
    if product is None or product.party_id != party_id:
        return [Rejection(item_id, "product_unknown", f"item {item_id}: no product with id {wanted!r} "
                          f"({at}/product/id)")]
    found = []
    offering_id = (item.get("productOffering") or {}).get("id")
    if offering_id and offering_id != product.offering_id:
        found.append(Rejection(item_id, "offering_mismatch", f"item {item_id}: product {wanted!r} is a "
                               f"{product.offering_id!r}, not a {offering_id!r} ({at}/productOffering/id)"))
    problem = state_problem(kind, product.status)
    if problem:
        where = f"{at}/product/status" if kind in ("suspend", "resume") else f"{at}/action"
        found.append(Rejection(item_id, "product_state",
                               f"item {item_id}: cannot {kind} product {wanted!r}: {problem} ({where})"))
    if kind == MODIFY:
        found += _modification(item_id, item, at, product, catalog)
    elif kind in (SUSPEND, RESUME) and requested_characteristics(item):
        found.append(Rejection(item_id, "status_and_characteristics", f"item {item_id}: a {kind} changes only "
                               f"the status; order characteristic changes in another order ({at}/product/"
                               "productCharacteristic)"))
    return found


def _named_twice(item: dict, position: int, named: dict[str, str]) -> list[Rejection]:
    item_id, wanted = str(item.get("id")), product_id(item)
    if wanted is None:
        return []
    if wanted in named:
        return [Rejection(item_id, "product_named_twice", f"item {item_id}: product {wanted!r} is changed by item "
                          f"{named[wanted]} already (/productOrderItem/{position}/product/id)")]
    named[wanted] = item_id
    return []


def _modification(item_id: str, item: dict, at: str, product: InventoryProduct, catalog) -> list[Rejection]:
    requested = requested_characteristics(item)
    status = str((item.get("product") or {}).get("status") or "").strip()
    if status:
        return [Rejection(item_id, "status_not_orderable", f"item {item_id}: product.status {status!r} cannot be "
                          "ordered (suspended or active; a disconnect is action delete) "
                          f"({at}/product/status)")]
    if all(product.characteristics.get(name) == value for name, value in requested.items()):
        return [Rejection(item_id, "nothing_to_modify", f"item {item_id}: a modify item must change the product's "
                          f"characteristics or status; it changes neither ({at}/product)")]
    offering = catalog.offering(product.offering_id)
    if offering is None or not hasattr(catalog, "check_characteristics") \
            or catalog.specification(offering.specification_id) is None:
        return []
    problems = catalog.check_characteristics(offering.specification_id, {**product.characteristics, **requested})
    return [Rejection(item_id, p.code, f"item {item_id}: characteristic {p.message} "
                      f"({at}/product/productCharacteristic)") for p in problems if p.name in requested]
