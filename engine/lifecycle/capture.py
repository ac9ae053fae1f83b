"""Capture: validate a ProductOrder against the compiled catalog of the pack it is pinned to."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from engine.lifecycle.items import item_characteristics
from engine.lifecycle.trace import TraceEntry

ACTIONS_NEEDING_OFFERING = frozenset({"add"})


@dataclass(frozen=True)
class Rejection:
    item_id: str | None
    code: str
    message: str


@dataclass(frozen=True)
class CaptureResult:
    rejections: list[Rejection] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.rejections


def validate_order(order: dict, catalog, catalog_ref: tuple[str, int] | None = None,
                   at: datetime | None = None) -> CaptureResult:
    """Check every item against the catalog; return every reason for rejection, not only the first."""
    rejections: list[Rejection] = []
    trace: list[TraceEntry] = []
    items = order.get("productOrderItem") or []
    if not items:
        rejections.append(Rejection(None, "no_items", "the order has no productOrderItem"))
    for item in items:
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
