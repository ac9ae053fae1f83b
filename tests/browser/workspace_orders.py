"""Orders of the demo pack placed through the API for the workspace browser tests (a unique externalId each),
and waiting for what the worker makes of them."""
from __future__ import annotations

import json
import time
import uuid

from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
WAIT_SECONDS = 60.0  # the worker runs the order on; a wait, never a pass/fail on time


def example(name: str, **changes) -> dict:
    """A demo pack example's order with a unique externalId (and ``changes`` merged in)."""
    body = json.loads((DEMO_PACK / "examples" / f"{name}.json").read_text())
    body.pop("description", None)
    return {**body, "externalId": f"{name}-{uuid.uuid4().hex[:10]}", **changes}


def place(api, body: dict) -> str:
    placed = api.post(ORDERS, json=body)
    assert placed.status_code == 201, placed.text
    return placed.json()["id"]


def wait_for(probe, what: str):
    """Poll ``probe`` until it answers something truthy (the worker is asynchronous)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"waited {WAIT_SECONDS:.0f} s for {what}")


def open_fallout(api, order_id: str) -> dict:
    """The order's open fallout record, once the worker opened it."""
    return wait_for(lambda: next(iter(api.get(f"/api/v1/fallout?orderId={order_id}").json()), None),
                    f"a fallout record of order {order_id}")


def order_state(api, order_id: str) -> str:
    return api.get(f"/api/v1/orders/{order_id}").json()["state"]
