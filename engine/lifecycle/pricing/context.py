"""Evaluation contexts of the pricing stage: ``{"order", "item"}`` as the other stages build them.

``item.characteristics`` is the item's characteristics (``engine.lifecycle.items``) over the catalog
defaults of the offering's specification (a value given on the item wins).
"""
from __future__ import annotations

from engine.kinds.catalog import CompiledCatalog
from engine.lifecycle.items import item_characteristics


def item_view(item: dict, catalog: CompiledCatalog | None = None) -> dict:
    """A shallow copy of the item with ``characteristics`` (catalog defaults filled in) as a dict."""
    defaults = {}
    offering = catalog.offering(offering_id(item)) if catalog is not None else None
    if offering is not None and catalog.specification(offering.specification_id) is not None:
        defaults = catalog.defaults(offering.specification_id)
    return {**item, "characteristics": {**defaults, **item_characteristics(item)}}


def offering_id(item: dict) -> str | None:
    """``productOffering.id`` of the item, or None."""
    offering = item.get("productOffering")
    return offering.get("id") if isinstance(offering, dict) else None


def item_context(order: dict, item: dict) -> dict:
    """The context price-list conditions and matrix dimensions read: ``{"order", "item"}``."""
    return {"order": order, "item": item}
