"""Capture: validate a ProductOrder against the catalog of the pack it is pinned to."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.catalog import Catalog
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


def validate_order(order: dict, catalog: Catalog, catalog_ref: tuple[str, int] | None = None) -> CaptureResult:
    """Check every item against the catalog; return every reason for rejection, not only the first."""
    rejections: list[Rejection] = []
    trace: list[TraceEntry] = []
    items = order.get("productOrderItem") or []
    if not items:
        rejections.append(Rejection(None, "no_items", "the order has no productOrderItem"))
    for item in items:
        found = _validate_item(item, catalog)
        rejections.extend(found)
        trace.append(TraceEntry(
            stage="capture", artifact=catalog_ref[0] if catalog_ref else None,
            version=catalog_ref[1] if catalog_ref else None, rule="offering-sellable",
            inputs={"itemId": item.get("id"), "productOffering": (item.get("productOffering") or {}).get("id")},
            decision={"valid": not found, "reasons": [r.message for r in found]}))
    return CaptureResult(rejections, trace)


def _validate_item(item: dict, catalog: Catalog) -> list[Rejection]:
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
    if not offering.sellable:
        return [Rejection(item_id, "offering_not_sellable",
                          f"item {item_id}: product offering {offering_id!r} is not sellable")]
    quantity = item.get("quantity", 1)
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        return [Rejection(item_id, "quantity_invalid", f"item {item_id}: quantity must be a whole number >= 1")]
    return []
