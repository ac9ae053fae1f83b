"""TMF622 cancelProductOrder and DELETE productOrder, driven through the API with the demo pack."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine.store import audit
from engine.store.models import AuditEvent, OutboxEvent
from tests.rulepacks.telco_demo_driver import BASE, example, if_match

CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"


def cancel(client, order_id: str, reason: str = "changed my mind", **extra):
    return client.post(CANCEL, json={"productOrder": {"id": order_id, "@referredType": "ProductOrder"},
                                     "cancellationReason": reason, **extra})


def detail(client, order_id: str) -> dict:
    return client.get(f"/api/v1/orders/{order_id}").json


def task_states(order: dict) -> dict:
    refs = {d["id"]: d["ref"].split(":")[1] for d in order["domainOrders"]}
    return {f"{refs[t['domainOrderId']]}/{t['key']}": t["state"] for t in order["tasks"]}


def test_cancel_before_the_point_of_no_return_compensates_done_work_in_reverse_order(client, place, worker,
                                                                                       runtime):
    order_id = place("sdwan-12-sites")
    response = cancel(client, order_id, requestedCancellationDate="2026-01-01T10:00:00Z")
    assert response.status_code == 201, response.json
    assert response.headers["Location"] == f"{CANCEL}/{response.json['id']}"
    assert (response.json["state"], response.json["productOrder"]["id"]) == ("inProgress", order_id)
    assert response.json["requestedCancellationDate"] == "2026-01-01T10:00:00.000Z"
    order = detail(client, order_id)
    assert (order["state"], order["stage"]) == ("pendingCancellation", "cancelling")
    assert {t["state"] for t in order["tasks"] if not t["key"].startswith("undo:")} <= {
        "completed", "skipped", "cancelled"}
    worker.run_until_idle()
    order = detail(client, order_id)
    assert (order["state"], order["stage"]) == ("cancelled", "cancelled")
    assert {i["state"] for i in order["items"]} == {"cancelled"}
    assert {d["state"] for d in order["domainOrders"]} == {"cancelled"}
    states = task_states(order)
    undone = {key: state for key, state in states.items() if "/undo:" in key}
    assert undone == {"inventory/undo:reserve": "completed", "inventory/undo:allocate": "completed",
                      "oss-fibre/undo:configure-olt": "completed", "oss-fibre/undo:activate": "completed"}
    assert states["field-service/schedule"] == "cancelled"
    assert not {s for s in states.values()} & {"ready", "running", "waiting", "pending"}
    tasks = {t["key"]: t for t in order["tasks"]}
    assert tasks["undo:reserve"]["dependsOn"] == ["undo:allocate"]  # allocate depended on reserve: undone first
    assert tasks["undo:reserve"]["compensates"] == {"taskId": tasks["reserve"]["id"], "key": "reserve"}
    assert tasks["undo:configure-olt"]["dependsOn"] == ["undo:activate"]
    # the fibre service was built on the reserved resources: it is undone before they are released
    assert "service:oss-fibre:plan.fibre-service" in tasks["undo:reserve"]["waitsFor"]
    done = client.get(f"{CANCEL}/{response.json['id']}").json
    assert (done["state"], done["effectiveCancellationDate"]) == ("done", "2026-01-01T09:00:00.000Z")
    with runtime.reading() as session:
        assert audit.verify(session) is None
        events = session.execute(select(OutboxEvent.event_type).where(OutboxEvent.entity_id == order_id)
                                 .order_by(OutboxEvent.seq)).scalars().all()
    assert events.count("CancelProductOrderStateChangeEvent") == 2  # inProgress, done
    assert "CancelProductOrderCreateEvent" in events and events[-2:] == [
        "ProductOrderStateChangeEvent", "CancelProductOrderStateChangeEvent"]


def test_cancel_is_refused_after_the_point_of_no_return_and_the_order_goes_on(client, place, worker):
    order_id = place("fibre-voip-port-in")
    work_order = next(t for t in detail(client, order_id)["tasks"] if t["key"] == "install-south")
    assert client.post(f"/api/v1/tasks/{work_order['id']}/claim").status_code == 200
    response = cancel(client, order_id)
    assert response.status_code == 201
    assert response.json["state"] == "terminatedWithError"
    assert "item 1 passed the point of no return (task install-south is waiting)" in \
        response.json["errorMessage"][0]["message"]
    order = detail(client, order_id)
    assert (order["state"], order["stage"]) == ("inProgress", "fulfilling")
    assert not any(t["key"].startswith("undo:") for t in order["tasks"])
    done = client.post(f"/api/v1/tasks/{work_order['id']}/complete", json={"output": {"technician": "T-7"}})
    assert done.status_code == 200
    worker.run_until_idle()
    assert detail(client, order_id)["state"] == "inProgress"  # the order went on


def test_an_unclaimed_work_order_is_not_past_the_point_of_no_return(client, place, worker):
    order_id = place("fibre-voip-port-in")
    assert cancel(client, order_id).json["state"] == "inProgress"
    worker.run_until_idle()
    order = detail(client, order_id)
    assert order["state"] == "cancelled"
    states = task_states(order)
    assert states["oss-fibre/install-south"] == "cancelled"
    assert states["oss-fibre/undo:configure-olt"] == "completed"
    assert client.get("/api/v1/tasks?group=field-south").json == []


def test_a_final_order_cannot_be_cancelled(client, place):
    order_id = place("fibre-500")
    response = cancel(client, order_id)
    assert response.json["state"] == "terminatedWithError"
    assert response.json["errorMessage"][0]["message"] == "the order is completed"
    assert detail(client, order_id)["state"] == "completed"


def test_an_order_not_yet_in_progress_is_cancelled_at_once(client, place):
    order_id = place("sdwan-500-sites")  # waits for an approver before decomposition
    response = cancel(client, order_id, "budget cut")
    assert response.json["state"] == "done"
    order = detail(client, order_id)
    assert (order["state"], order["stateReason"]) == ("cancelled", "budget cut")
    assert [a["state"] for a in order["approvals"]] == ["withdrawn"]
    assert client.get("/api/v1/approvals").json == []


def test_a_second_request_while_one_is_in_progress_is_refused(client, place):
    order_id = place("sdwan-12-sites")
    assert cancel(client, order_id).json["state"] == "inProgress"
    second = cancel(client, order_id)
    assert (second.json["state"], second.json["errorMessage"][0]["message"]) == (
        "terminatedWithError", "the order is already being cancelled")


def test_list_and_read_cancel_requests(client, place):
    first, second = place("sdwan-500-sites"), place("fibre-500")
    cancel(client, first)
    cancel(client, second)
    listed = client.get(f"{CANCEL}?state=done")
    assert listed.status_code == 200 and [r["productOrder"]["id"] for r in listed.json] == [first]
    assert listed.headers["X-Total-Count"] == "1"
    assert len(client.get(f"{CANCEL}?limit=1").json) == 1
    assert client.get(f"{CANCEL}/nope").status_code == 404


@pytest.mark.parametrize("body,pointer", [
    ({}, ""), ({"productOrder": {}}, "/productOrder"),
    ({"productOrder": {"id": "x"}, "requestedCancellationDate": "tomorrow"}, "/requestedCancellationDate")])
def test_bad_requests_are_400_with_a_pointer(client, demo_pack, body, pointer):
    response = client.post(CANCEL, json=body)
    assert response.status_code == 400
    assert pointer in [d["pointer"] for d in response.json.get("details", [])] or pointer == ""


def test_an_unknown_order_is_404(client, demo_pack):
    assert cancel(client, "no-such-order").status_code == 404


def test_delete_withdraws_an_order_not_yet_in_progress(client, place, runtime):
    order_id = place("sdwan-500-sites")
    assert client.delete(f"{BASE}/{order_id}", headers=if_match(client, order_id)).status_code == 204
    order = client.get(f"{BASE}/{order_id}").json
    assert order["state"] == "cancelled"  # kept, with its history
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "cancel.requested")) == 1


def test_delete_of_an_order_in_flight_is_409_with_its_state(client, place):
    order_id = place("sdwan-12-sites")
    response = client.delete(f"{BASE}/{order_id}", headers=if_match(client, order_id))
    assert response.status_code == 409 and "inProgress" in response.json["message"]
    assert client.delete(f"{BASE}/nope").status_code == 404


def test_customers_cancel_and_see_only_their_own_orders(secure_client, demo_pack, make_user, worker):
    owner = make_user("jane", "customer", "org-acme")
    other = make_user("eve", "customer", "cust-9999")
    agent = make_user("agent", "orderAgent")
    order_id = secure_client.post(BASE, json=example("sdwan-500-sites"), headers=agent.headers).json["id"]
    worker.run_until_idle()
    assert cancel_as(secure_client, order_id, other).status_code == 404
    assert secure_client.delete(f"{BASE}/{order_id}", headers=other.headers).status_code == 404
    done = cancel_as(secure_client, order_id, owner)
    assert done.status_code == 201 and done.json["state"] == "done"
    assert secure_client.get(f"{CANCEL}/{done.json['id']}", headers=other.headers).status_code == 404
    assert secure_client.get(CANCEL, headers=other.headers).json == []
    assert [r["id"] for r in secure_client.get(CANCEL, headers=owner.headers).json] == [done.json["id"]]
    auditor = make_user("audit", "auditor")
    assert cancel_as(secure_client, order_id, auditor).status_code == 403


def cancel_as(client, order_id, user):
    return client.post(CANCEL, json={"productOrder": {"id": order_id}}, headers=user.headers)
