"""What every stage reads from a TMF622 order item."""
from __future__ import annotations


def item_characteristics(item: dict) -> dict:
    """``item.characteristics`` merged with TMF622 ``product.productCharacteristic`` (name -> value)."""
    found = dict(item.get("characteristics") or {})
    for entry in (item.get("product") or {}).get("productCharacteristic") or []:
        if isinstance(entry, dict) and "name" in entry:
            found[entry["name"]] = entry.get("value")
    return found


def with_characteristics(item: dict, values: dict) -> dict:
    """``item`` with the characteristics ``values`` set where they stand (TMF622 ``product.productCharacteristic``
    or ``characteristics``); a new copy, the input is left as it is."""
    product = dict(item.get("product") or {})
    listed = [dict(entry) for entry in product.get("productCharacteristic") or []]
    remaining = dict(values)
    for entry in listed:
        if isinstance(entry, dict) and entry.get("name") in remaining:
            entry["value"] = remaining.pop(entry["name"])
    result = dict(item)
    if listed:
        result["product"] = {**product, "productCharacteristic": listed}
    if remaining:
        result["characteristics"] = {**(item.get("characteristics") or {}), **remaining}
    return result
