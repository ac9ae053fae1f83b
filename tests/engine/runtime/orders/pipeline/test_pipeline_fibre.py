"""A fibre order through every stage of a pack: capture, price, approve, decompose, orchestrate, complete."""
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.rulepacks.telco_demo_driver import if_match


def place(client, order):
    response = client.post(BASE, json=order)
    assert response.status_code == 201, response.json
    return response.json["id"]


def detail(client, order_id):
    return client.get(f"/api/v1/orders/{order_id}").json


def approve_all(client):
    for approval in client.get("/api/v1/approvals").json:
        assert client.post(f"/api/v1/approvals/{approval['id']}/approve", json={"comment": "ok"}).status_code == 200


def test_the_order_is_priced_with_provenance_and_needs_approval(client, install_pack, worker):
    install_pack()
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    order = detail(client, order_id)
    assert (order["state"], order["stage"]) == ("acknowledged", "awaitingApproval")
    assert [(a["reason"], a["state"]) for a in order["approvals"]] == [("one-time charges above 50", "pending")]
    lines = order["pricing"]["lines"]
    assert {(line["priceType"], line["amount"]) for line in lines} >= {("oneTime", "99.00")}
    assert all(line["provenance"]["artifact"] == "prices.fixture" for line in lines)


def test_an_order_runs_until_a_person_is_needed_and_finishes_after_the_work_order(client, install_pack, worker, clock):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    order = detail(client, order_id)
    assert order["state"] == "inProgress"
    refs = {d["ref"]: d["state"] for d in order["domainOrders"]}
    assert len(refs) == 3
    queue = client.get("/api/v1/tasks?group=field-north").json
    assert [t["key"] for t in queue] == ["install"] and queue[0]["pointOfNoReturn"]
    install = queue[0]
    assert client.post(f"/api/v1/tasks/{install['id']}/claim").status_code == 200
    done = client.post(f"/api/v1/tasks/{install['id']}/complete", json={"output": {"technician": "T-7"}})
    assert done.status_code == 200 and done.json["state"] == "completed"
    cooling = next(t for t in detail(client, order_id)["tasks"] if t["key"] == "cooling")
    assert cooling["state"] == "waiting"
    clock.advance(hours=24)
    worker.run_until_idle()
    order = detail(client, order_id)
    assert order["state"] == "completed", order
    assert {d["state"] for d in order["domainOrders"]} == {"completed"}
    products = client.get("/tmf-api/productInventory/v4/product").json
    assert [p["status"] for p in products] == ["active"]
    assert products[0]["productCharacteristic"] == [{"name": "bandwidth", "value": 500}]


def test_the_timeline_has_planned_times_and_a_critical_path(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    timeline = client.get(f"/api/v1/orders/{order_id}/timeline").json
    keys = {t["id"]: t["key"] for t in timeline["tasks"]}
    assert [keys[i] for i in timeline["criticalPath"]][-4:] == ["install", "cooling", "activate", "ready"]
    install = next(t for t in timeline["tasks"] if t["key"] == "install")
    assert install["critical"] and install["actualStart"] and not install["actualEnd"]


def test_staggered_the_service_order_waits_for_bandwidth_while_the_rest_proceeds(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = place(client, fibre_order(bandwidth=None))
    worker.run_until_idle()
    order = detail(client, order_id)
    states = {d["domain"]: d["state"] for d in order["domainOrders"]}
    assert states["service"] == "awaitingInformation" and states["resource"] == "completed"
    assert order["state"] == "inProgress"
    patch = {"productOrderItem": [{"id": "1", "product": {"productCharacteristic": [
        {"name": "bandwidth", "value": 500}]}}]}
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id), json=patch)
    assert response.status_code == 200, response.json
    order = detail(client, order_id)
    service = next(d for d in order["domainOrders"] if d["domain"] == "service")
    assert service["state"] in ("scheduled", "inProgress") and order["revision"] == 2
    assert any(t["key"] == "install" and t["state"] == "waiting" for t in order["tasks"])


def test_patching_an_order_that_waits_for_nothing_is_an_in_flight_revision(client, install_pack, worker):
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"description": "changed"})
    assert response.status_code == 200 and response.json["description"] == "changed"
    assert (response.json["revisionImpact"]["undo"], response.json["revisionImpact"]["redo"]) == ([], [])
    assert detail(client, order_id)["revision"] == 2
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json={"state": "completed"}).status_code == 422


def test_approval_then_fulfilment(client, install_pack, worker):
    install_pack()
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    approve_all(client)
    assert detail(client, order_id)["state"] == "inProgress"


def test_a_rejected_approval_rejects_the_order(client, install_pack, worker):
    install_pack()
    order_id = place(client, fibre_order())
    worker.run_until_idle()
    approval = client.get("/api/v1/approvals").json[0]
    client.post(f"/api/v1/approvals/{approval['id']}/reject", json={"comment": "too expensive"})
    order = detail(client, order_id)
    assert order["state"] == "rejected" and "too expensive" in order["stateReason"]
    assert client.post(f"/api/v1/approvals/{approval['id']}/approve").status_code == 409


def test_capture_rejects_a_missing_place_and_party_with_every_reason(client, install_pack, worker):
    install_pack()
    order = fibre_order()
    order.pop("relatedParty")
    order["productOrderItem"][0]["product"].pop("place")
    order_id = place(client, order)
    worker.run_until_idle()
    reason = detail(client, order_id)["stateReason"]
    assert "role 'customer'" in reason and "needs a place" in reason
