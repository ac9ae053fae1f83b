"""TMF622 state names: the v4 ones Ordo uses and the ones TMF622 v5 adds, as this v4 API accepts them.

v5 adds the order states ``draft`` and ``inProgress.accepted``, the item state ``partial`` and, on create,
``requestedInitialState`` (``acknowledged`` or ``draft``). Here they are accepted as names:

- list filters ``state=`` / ``productOrderItem.state=`` take any v4 or v5 name; a v5-only name matches no order
  (Ordo never stores one) and answers an empty list, while a name in neither version is a 400;
- ``requestedInitialState: acknowledged`` on create is what capture does anyway; ``draft`` is a 422 (this API
  has no draft orders), anything else a 400.
"""
from __future__ import annotations

from collections.abc import Mapping

from api.errors import ApiError
from engine.states import ProductOrderState

V4_ORDER_STATES = tuple(str(state) for state in ProductOrderState)
V4_ITEM_STATES = tuple(state for state in V4_ORDER_STATES if state != "partial")
V5_ORDER_STATES = ("draft", "inProgress.accepted")
V5_ITEM_STATES = ("partial",)
ORDER_STATES = frozenset((*V4_ORDER_STATES, *V5_ORDER_STATES))
ITEM_STATES = frozenset((*V4_ITEM_STATES, *V5_ITEM_STATES))
INITIAL_STATES = ("acknowledged", "draft")
FILTERS = {"state": ORDER_STATES, "productOrderItem.state": ITEM_STATES}


def check_state_filters(args: Mapping[str, str]) -> None:
    """400 for a state filter naming a state neither TMF622 v4 nor v5 knows."""
    for name, allowed in FILTERS.items():
        value = args.get(name)
        if value is not None and value not in allowed:
            raise ApiError(400, "Bad Request", f"query parameter {name}={value!r} is not a TMF622 state; use one of "
                                               f"{', '.join(sorted(allowed))}",
                           [{"pointer": f"query:{name}", "message": "unknown state"}])


def check_requested_initial_state(body: dict) -> None:
    """The v5 ``requestedInitialState`` of a create: only ``acknowledged`` is honoured."""
    if "requestedInitialState" not in body:
        return
    requested = body["requestedInitialState"]
    details = [{"pointer": "/requestedInitialState", "message": f"{requested!r} is not supported"}]
    if requested == "draft":
        raise ApiError(422, "Unprocessable Content", "requestedInitialState 'draft' (TMF622 v5) is not supported: "
                                                     "this API captures orders as acknowledged; omit "
                                                     "requestedInitialState or send 'acknowledged'", details)
    if requested not in INITIAL_STATES:
        raise ApiError(400, "Bad Request", f"requestedInitialState must be one of {', '.join(INITIAL_STATES)}",
                       details)
