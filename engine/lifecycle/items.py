"""What every stage reads from a TMF622 order item."""
from __future__ import annotations


def item_characteristics(item: dict) -> dict:
    """``item.characteristics`` merged with TMF622 ``product.productCharacteristic`` (name -> value)."""
    found = dict(item.get("characteristics") or {})
    for entry in (item.get("product") or {}).get("productCharacteristic") or []:
        if isinstance(entry, dict) and "name" in entry:
            found[entry["name"]] = entry.get("value")
    return found
