"""What an order item does, as the engine names it: TMF622 v4 says suspend and resume with ``action:
modify`` and ``product.status`` ``suspended`` / ``active``; disconnect is ``action: delete``."""

ITEM_ACTIONS = ("add", "modify", "suspend", "resume", "delete")
STATUS_ACTIONS = {"suspended": "suspend", "active": "resume"}


def item_action(item: dict) -> str:
    """``add``, ``modify``, ``suspend``, ``resume``, ``delete`` or the item's action as given (e.g. noChange)."""
    action = item.get("action", "add")
    if action != "modify":
        return action
    product = item.get("product")
    status = str(product.get("status") or "").strip() if isinstance(product, dict) else ""
    return STATUS_ACTIONS.get(status, "modify")
