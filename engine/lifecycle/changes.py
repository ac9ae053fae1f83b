"""Post-fulfilment changes (pure): items that modify, suspend, resume or disconnect an existing product.

TMF622 v4 expresses them as ``action: modify`` (configuration change, or ``product.status``
``suspended`` / ``active`` for suspend / resume) and ``action: delete`` (disconnect), each naming
the product in ``item.product.id``. ``change_kind`` gives the engine's name for each.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from engine.states import PRODUCT, ProductStatus
from engine.states.actions import item_action

ADD, MODIFY, SUSPEND, RESUME, DELETE = "add", "modify", "suspend", "resume", "delete"
CHANGE_KINDS = (MODIFY, SUSPEND, RESUME, DELETE)
# the product status each kind needs before, and the status it leads to
TARGET_STATUS = {MODIFY: None, SUSPEND: ProductStatus.SUSPENDED, RESUME: ProductStatus.ACTIVE,
                 DELETE: ProductStatus.PENDING_TERMINATE}


@dataclass(frozen=True)
class InventoryProduct:
    """What the engine knows of an inventory product when it validates, prices or plans a change."""

    id: str
    party_id: str | None
    offering_id: str
    status: str
    characteristics: dict = field(default_factory=dict)
    place: list | None = None
    contract_end: datetime | None = None
    contract_term: int | None = None


change_kind = item_action


def product_id(item: dict) -> str | None:
    """``item.product.id`` (the product the change is for), or None."""
    product = item.get("product")
    value = product.get("id") if isinstance(product, dict) else None
    return str(value) if value not in (None, "") else None


def requested_characteristics(item: dict) -> dict:
    """The characteristics a modify item sets (``product.productCharacteristic``, name -> value)."""
    return {entry["name"]: entry.get("value") for entry in (item.get("product") or {}).get("productCharacteristic")
            or [] if isinstance(entry, dict) and "name" in entry}


def state_problem(kind: str, status: str) -> str | None:
    """Why the product's ``status`` does not allow ``kind`` (None when it does)."""
    if kind == MODIFY:
        return None if status in (ProductStatus.ACTIVE, ProductStatus.SUSPENDED) else f"it is {status}"
    if status == TARGET_STATUS[kind]:
        return f"it is already {status}"
    if not PRODUCT.can(status, TARGET_STATUS[kind]):
        return f"it is {status}"
    return None


def resolved_item(item: dict, product: InventoryProduct, offering_name: str | None = None) -> dict:
    """The item with what the inventory knows filled in: offering and place when missing, and for a
    modify the full new configuration (the product's characteristics overlaid with the requested ones)."""
    body = dict(item.get("product") or {})
    resolved = {**item, "product": body}
    if not (item.get("productOffering") or {}).get("id"):
        resolved["productOffering"] = {"id": product.offering_id, **({"name": offering_name} if offering_name else {})}
    if product.place and not body.get("place"):
        body["place"] = product.place
    if change_kind(item) == MODIFY:
        merged = {**product.characteristics, **requested_characteristics(item)}
        body["productCharacteristic"] = [{"name": name, "value": value} for name, value in merged.items()]
    return resolved
