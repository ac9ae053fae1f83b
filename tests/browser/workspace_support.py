"""Orders for the workspace browser tests: the demo pack's examples placed through the API with a unique
externalId, and waiting (setup only, with a deadline) until the worker has brought an order to a point."""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable

from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"
SETUP_TIMEOUT = 90.0  # s: the shared worker on a busy machine (a setup deadline, never a pass/fail on time)


def place_example(api, name: str) -> str:
    """POST the demo pack's example ``name`` with a fresh externalId as ``api``; returns the order id."""
    body = json.loads((DEMO_PACK / "examples" / f"{name}.json").read_text())
    body["externalId"] = f"{name}-{uuid.uuid4().hex[:8]}"
    response = api.post(ORDERS, json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def wait_for(probe: Callable[[], object], what: str, timeout: float = SETUP_TIMEOUT):
    """Poll ``probe`` until it answers something truthy (and return that); fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


def open_task(api, order_id: str, key: str, state: str = "waiting") -> dict | None:
    """The order's task ``key`` in ``state`` as ``api`` sees it in the queue, or None."""
    tasks = api.get("/api/v1/tasks", params={"orderId": order_id, "state": state, "limit": 1000}).json()
    return next((t for t in tasks if t["key"] == key), None)
