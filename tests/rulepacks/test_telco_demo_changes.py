"""Golden tests for changing and cancelling demo orders in flight, driven through the API.

Each scenario posts one example, cancels it (TMF622 cancelProductOrder) or revises it (merge-PATCH, after
the impact preview), does what a person would, and ends consistent: nothing ready, running or waiting,
every compensation ran once and the audit chain verifies. Regenerate the goldens with
``ORDO_UPDATE_GOLDEN=1`` after an intended change, then read the diff.
"""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from engine.store import audit
from engine.store.models import AuditEvent, Task
from tests.rulepacks.telco_demo_driver import BASE, DemoOrder, check_golden

CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"
OPEN = {"pending", "ready", "running", "waiting", "onHold"}


@pytest.fixture
def place(client, demo_pack, worker, clock, runtime):
    def place(name: str) -> DemoOrder:
        return DemoOrder(client, worker, clock, runtime, name)
    return place


def cancel(demo: DemoOrder, reason: str) -> dict:
    response = demo.client.post(CANCEL, json={"productOrder": {"id": demo.id}, "cancellationReason": reason})
    assert response.status_code == 201, response.json
    demo.run(f"cancelProductOrder ({response.json['state']})")
    return demo.client.get(f"{CANCEL}/{response.json['id']}").json


def assert_consistent(demo: DemoOrder) -> None:
    order = demo.detail()
    assert not {t["state"] for t in order["tasks"]} & OPEN, [(t["key"], t["state"]) for t in order["tasks"]]
    with demo.runtime.reading() as session:
        assert audit.verify(session) is None
        undo = session.execute(select(Task.id).where(Task.order_id == demo.id, Task.key.like("undo:%"))).scalars()
        done = Counter(session.execute(select(AuditEvent.entity_id).where(AuditEvent.action == "task.completed"))
                       .scalars())
        assert all(done[task_id] == 1 for task_id in undo)


def test_cancelled_before_the_technician_claims_the_work_order(place):
    demo = place("fibre-cancel-before-install")
    assert [t["key"] for t in demo.queue(group="field-south")] == ["install-south"]
    request = cancel(demo, "moving abroad")
    assert (request["state"], request["cancellationReason"]) == ("done", "moving abroad")
    order = demo.detail()
    assert (order["state"], order["stateReason"]) == ("cancelled", "moving abroad")
    assert {d["state"] for d in order["domainOrders"]} == {"cancelled"}
    undone = {(DemoOrder.task(order, ref, key)["key"], DemoOrder.task(order, ref, key)["state"])
              for ref, key in (("resource", "undo:reserve"), ("resource", "undo:allocate"),
                               ("service:oss-fibre", "undo:configure-olt"))}
    assert undone == {("undo:reserve", "completed"), ("undo:allocate", "completed"),
                      ("undo:configure-olt", "completed")}
    assert DemoOrder.task(order, "service:oss-fibre", "install-south")["state"] == "cancelled"
    assert demo.queue(group="field-south") == [] and demo.products() == []
    assert_consistent(demo)
    check_golden(demo.snapshot())


def test_cancellation_refused_after_the_point_of_no_return(place):
    demo = place("fibre-cancel-after-install")
    work_order = demo.queue(group="field-south")[0]
    assert demo.client.post(f"/api/v1/tasks/{work_order['id']}/claim").status_code == 200
    demo.run("technician claimed install-south")
    request = cancel(demo, "found a cheaper offer")
    assert request["state"] == "terminatedWithError"
    assert request["errorMessage"][0]["message"] == (
        "item 1 passed the point of no return (task install-south is waiting)")
    assert demo.detail()["state"] == "inProgress"
    order = demo.work(demo.queue(group="field-south")[0], {"technician": "T-7", "ontSerial": "ONT-0001"})
    assert order["state"] == "completed"
    assert not [t for t in order["tasks"] if t["key"].startswith("undo:")]
    assert [p["status"] for p in demo.products()] == ["active"]
    assert_consistent(demo)
    check_golden(demo.snapshot())


def test_revised_from_four_to_six_sites_before_scheduling(place):
    demo = place("sdwan-revised-in-flight")
    demo.advance(minutes=5)  # the revision's work is newer than the first plan's (a stable golden order)
    patch = {"productOrderItem": [{"id": "1", "quantity": 6}]}
    preview = demo.client.post(f"/api/v1/orders/{demo.id}/revision-preview", json=patch).json
    assert preview["refused"] == [] and preview["addedItems"] == [] and preview["removedItems"] == []
    assert {(u["domainOrder"].split(":")[1], u["task"]) for u in preview["undo"]} == {
        ("inventory", "reserve"), ("inventory", "allocate"), ("oss-fibre", "configure-olt"),
        ("oss-fibre", "activate")}
    order = demo.patch(patch, "PATCH quantity 6")
    assert order["revision"] == 2 and order["pricing"]["delta"] == preview["priceDelta"]
    assert order["pricing"]["previous"]["orderTotalPrice"] != order["pricing"]["orderTotalPrice"]
    order = demo.work(demo.queue(group="sdwan-deployment")[0], {"installWindow": "2026-02-02/2026-02-06"})
    field = demo.queue(group="field-south")
    assert [(t["key"], t["params"]) for t in field] == [("install-south", {"sites": 6})]
    order = demo.work(field[0], {"sitesInstalled": 6})
    assert order["state"] == "completed"
    live = [d for d in order["domainOrders"] if d["state"] == "completed"]
    assert {line["quantity"] for d in live for line in d["lines"]} == {6}
    assert [(p["productOffering"]["id"], p["status"]) for p in demo.products()] == [("sdwan-site", "active")]
    assert demo.client.get(f"{BASE}/{demo.id}").json["productOrderItem"][0]["quantity"] == 6
    assert_consistent(demo)
    check_golden(demo.snapshot())
