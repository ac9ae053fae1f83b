"""Helpers of the order capture browser tests: a fresh customer party, and a product placed and completed."""
from __future__ import annotations

import time
import uuid

from tests.browser.support import PASSWORD, OrdoServer

ADDRESS = {"streetName": "Invalidenstrasse 1", "postcode": "10115", "city": "Berlin", "country": "DE"}
SETTLE = 120.0  # s: an order completing unattended on a busy machine (a wait, never a pass/fail on time)


def new_customer_party(server: OrdoServer) -> tuple[str, str]:
    """A customer party of its own (id, name), so relationships are checked against an empty inventory."""
    from api.auth.users import create_user
    from engine.runtime.service import Runtime

    suffix = uuid.uuid4().hex[:8]
    party, name = f"cust-cap-{suffix}", f"Capture Customer {suffix}"
    ordo = Runtime.connect(server.database_url)
    try:
        with ordo.unit_of_work(actor="browser-tests") as uow:
            create_user(uow, f"capture-{suffix}", "customer", party, PASSWORD, party_name=name)
    finally:
        ordo.engine.dispose()
    return party, name


def wait_for_state(api, order_id: str, states: tuple[str, ...]) -> dict:
    """Poll the order until it reaches one of ``states`` (fails after SETTLE seconds)."""
    deadline = time.monotonic() + SETTLE
    while True:
        order = api.get(f"/api/v1/orders/{order_id}").json()
        if order["state"] in states:
            return order
        assert time.monotonic() < deadline, f"order {order_id} stayed {order['state']}"
        time.sleep(0.5)


def completed_fibre(api) -> str:
    """A fibre-500 product of the signed-in customer, its order captured natively and completed: its id."""
    placed = api.post("/api/v1/orders", json={"externalId": f"p4-{uuid.uuid4().hex[:10]}", "items": [
        {"offering": "fibre-500", "characteristics": {"bandwidth": "500M", "buildingType": "multiDwelling"},
         "place": ADDRESS}]}, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert placed.status_code == 201, placed.text
    order = wait_for_state(api, placed.json()["id"], ("completed", "failed", "rejected", "partial"))
    assert order["state"] == "completed", order
    products = api.get("/api/v1/products", params={"limit": 1000}).json()
    [product] = [p for p in products if p["orderId"] == order["id"]]
    return product["id"]
