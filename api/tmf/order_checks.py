"""Every problem of a TMF622 order body at once: its schema violations together with what capture would say of
its items, so a client fixes everything in one round trip."""
from __future__ import annotations

from api.errors import ApiError
from api.read.catalog import active_view
from api.runtime import runtime
from api.tmf.validation import SPEC, validate_tmf
from engine.lifecycle.capture import validate_order
from engine.lifecycle.changes import CHANGE_KINDS, change_kind

ITEMS = "productOrderItem"


def validate_product_order(body) -> None:
    """``validate_tmf`` for a ProductOrder_Create; when it refuses the body, the catalog's problems with the
    items that can be checked (new products: their offering, quantity, characteristics) are listed too."""
    try:
        validate_tmf(body, SPEC, "ProductOrder_Create")
    except ApiError as error:
        semantic = catalog_problems(body) if isinstance(body, dict) else []
        if semantic:
            error.details = [*error.details, *semantic]
            error.message += "; " + "; ".join(p["message"] for p in semantic[:3])
        raise


def catalog_problems(body: dict) -> list[dict]:
    """What capture says of the new-product items of ``body`` against the active pack's catalog: {pointer,
    message}; none when no pack is active or no item is well-formed enough to check."""
    items = body.get(ITEMS)
    if not isinstance(items, list):
        return []
    positions = {str(item.get("id")): position for position, item in enumerate(items)
                 if isinstance(item, dict) and change_kind(item) not in CHANGE_KINDS and _checkable(item)}
    if not positions:
        return []
    parties = body.get("relatedParty")
    checked = {ITEMS: [items[position] for position in positions.values()],
               "relatedParty": parties if isinstance(parties, list) else [], "place": body.get("place")}
    with runtime().reading() as session:
        try:
            catalog = active_view(session).catalog
        except ApiError:
            return []
        result = validate_order(checked, catalog, at=runtime().clock.now())
    return [{"pointer": rejection.pointer or f"/{ITEMS}/{positions.get(rejection.item_id, 0)}",
             "message": rejection.message} for rejection in result.rejections if rejection.item_id in positions]


def _checkable(item: dict) -> bool:
    """An item capture can check without tripping on its shape (the schema reports the rest)."""
    offering, product = item.get("productOffering"), item.get("product") or {}
    listed = product.get("productCharacteristic", []) if isinstance(product, dict) else None
    return (isinstance(item.get("id"), str) and item.get("action", "add") == "add"
            and isinstance(offering, dict) and isinstance(offering.get("id"), str)
            and isinstance(item.get("characteristics", {}), dict) and isinstance(listed, list)
            and all(isinstance(entry, dict) and isinstance(entry.get("name", ""), str) for entry in listed))
