"""In-flight revision by merge-PATCH and its impact preview, driven through the API with the demo pack."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine.store import audit
from engine.store.models import AuditEvent, OrderRevision, Task
from tests.rulepacks.telco_demo_driver import BASE, example, if_match

PREVIEW = "/api/v1/orders/{}/revision-preview"


def detail(client, order_id: str) -> dict:
    return client.get(f"/api/v1/orders/{order_id}").json


def by_ref(order: dict) -> dict:
    refs = {d["id"]: d["ref"].split(":")[1] for d in order["domainOrders"]}
    found: dict = {}
    for task in order["tasks"]:
        found.setdefault(refs[task["domainOrderId"]], []).append((task["key"], task["state"]))
    return found


def work(client, worker, order_id: str, key: str, output: dict) -> None:
    task = next(t for t in detail(client, order_id)["tasks"] if t["key"] == key and t["state"] == "waiting")
    assert client.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert client.post(f"/api/v1/tasks/{task['id']}/complete", json={"output": output}).status_code == 200
    worker.run_until_idle()


def completion_order(runtime, order_id: str) -> list[str]:
    with runtime.reading() as session:
        keys = dict(session.execute(select(Task.id, Task.key).where(Task.order_id == order_id,
                                                                    Task.key.like("undo:%"))).all())
        done = session.execute(select(AuditEvent.entity_id).where(
            AuditEvent.action == "task.completed", AuditEvent.entity_id.in_(keys)).order_by(AuditEvent.id)).scalars()
        return [keys[task_id] for task_id in done]


def counts(runtime) -> tuple[int, int, int]:
    with runtime.reading() as session:
        return (session.scalar(select(func.count()).select_from(AuditEvent)),
                session.scalar(select(func.count()).select_from(Task)),
                session.scalar(select(func.count()).select_from(OrderRevision)))


def test_fewer_sites_undo_and_redo_the_changed_work_and_the_price_delta_is_kept(client, place, worker, runtime):
    order_id = place("sdwan-12-sites")
    patch = {"productOrderItem": [{"id": "1", "quantity": 10}]}
    before = counts(runtime)
    preview = client.post(PREVIEW.format(order_id), json=patch)
    assert preview.status_code == 200 and counts(runtime) == before  # a dry run writes nothing
    assert preview.json["priceDelta"] == {"oneTime": "-500.00", "recurring:month": "-492.10"}
    assert {(u["domainOrder"].split(":")[1], u["task"]) for u in preview.json["undo"]} == {
        ("inventory", "reserve"), ("inventory", "allocate"), ("oss-fibre", "configure-olt"),
        ("oss-fibre", "activate")}
    assert preview.json["refused"] == [] and preview.json["add"] == []

    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id), json=patch)
    assert response.status_code == 200, response.json
    impact = response.json["revisionImpact"]
    assert {key: impact[key] for key in ("undo", "redo", "add", "refused", "priceDelta")} == {
        key: preview.json[key] for key in ("undo", "redo", "add", "refused", "priceDelta")}
    assert response.json["productOrderItem"][0]["quantity"] == 10
    worker.run_until_idle()
    order = detail(client, order_id)
    assert (order["state"], order["stage"], order["revision"]) == ("inProgress", "fulfilling", 2)
    assert order["pricing"]["delta"] == {"oneTime": "-500.00", "recurring:month": "-492.10"}
    assert order["pricing"]["previous"]["orderTotalPrice"][0]["price"]["dutyFreeAmount"]["value"] == "3000.00"
    tasks = by_ref(order)
    assert ("undo:reserve", "completed") in tasks["inventory"] and ("undo:activate", "completed") in tasks["oss-fibre"]
    assert completion_order(runtime, order_id) == [  # the fibre built on the resources is undone first
        "undo:activate", "undo:configure-olt", "undo:allocate", "undo:reserve"]
    assert tasks["field-service"].count(("schedule", "cancelled")) == 1  # superseded, asked again
    work(client, worker, order_id, "schedule", {"installWindow": "2026-02-02/2026-02-13"})
    field = [t for t in detail(client, order_id)["tasks"] if t["key"] == "install-south" and t["state"] == "waiting"]
    assert field[0]["params"] == {"sites": 10}
    work(client, worker, order_id, "install-south", {"sitesInstalled": 10})
    order = detail(client, order_id)
    assert order["state"] == "completed"
    lines = [line for d in order["domainOrders"] if d["state"] == "completed"
             for line in client.get(f"/api/v1/orders/{order_id}/domain-orders/{d['id']}/lines").json]
    assert {line["quantity"] for line in lines} == {10}
    assert not {t["state"] for t in order["tasks"]} & {"ready", "running", "waiting", "pending", "onHold"}
    with runtime.reading() as session:
        revision = session.execute(select(OrderRevision).where(OrderRevision.order_id == order_id,
                                                               OrderRevision.revision == 2)).scalar_one()
        assert [(c["path"], c["old"][0]["quantity"], c["new"][0]["quantity"]) for c in revision.diff] == [
            ("/productOrderItem", 12, 10)]
        assert audit.verify(session) is None


def test_a_change_past_the_point_of_no_return_is_refused_while_the_rest_goes_ahead(client, place, worker):
    order_id = place("fibre-voip-port-in")
    install = next(t for t in detail(client, order_id)["tasks"] if t["key"] == "install-south")
    assert client.post(f"/api/v1/tasks/{install['id']}/claim").status_code == 200  # the technician is on it
    both = {"productOrderItem": [
        {"id": "1", "product": {"productCharacteristic": [{"name": "bandwidth", "value": "500M"}]}},
        {"id": "2", "product": {"productCharacteristic": [{"name": "channels", "value": 4}]}}]}
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id), json=both)
    assert response.status_code == 200, response.json
    refused = response.json["revisionImpact"]["refused"]
    assert [(r["pointer"], r["code"], r["itemId"]) for r in refused] == [
        ("/productOrderItem/0", "point_of_no_return", "1")]
    assert [r["domainOrder"].split(":")[1] for r in response.json["revisionImpact"]["redo"]] == ["voice-platform"]
    characteristics = {i["id"]: {c["name"]: c["value"] for c in i["product"]["productCharacteristic"]}
                       for i in response.json["productOrderItem"]}
    assert (characteristics["1"]["bandwidth"], characteristics["2"]["channels"]) == ("100M", 4)
    only_refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                                json={"productOrderItem": [both["productOrderItem"][0]]})
    assert only_refused.status_code == 409
    assert only_refused.json["details"][0]["pointer"] == "/productOrderItem/0"
    assert detail(client, order_id)["revision"] == 2


def test_removing_an_item_undoes_its_work_and_the_order_completes_without_it(client, place, worker, runtime):
    order_id = place("fibre-voip-port-in")
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"productOrderItem": [{"id": "2", "state": "cancelled"}]})
    assert response.status_code == 200, response.json
    impact = response.json["revisionImpact"]
    assert impact["removedItems"] == ["2"] and impact["priceDelta"]["oneTime"] == "-15.00"
    # the phone number was reserved with the fibre port: the resource order is undone and done again
    assert {(u["domainOrder"].split(":")[1], u["task"]) for u in impact["undo"]} == {
        ("inventory", "reserve"), ("inventory", "allocate")}
    worker.run_until_idle()
    work(client, worker, order_id, "install-south", {"technician": "T-7"})
    order = detail(client, order_id)
    assert order["state"] == "completed"
    assert {i["id"]: i["state"] for i in order["items"]} == {"1": "completed", "2": "cancelled"}
    porting = [d for d in order["domainOrders"] if "number-portability" in d["ref"]]
    assert [d["state"] for d in porting] == ["cancelled"]
    products = client.get("/tmf-api/productInventory/v4/product").json
    assert [p["productOrderItem"][0]["orderItemId"] for p in products] == ["1"]
    assert not {t["state"] for t in order["tasks"]} & {"ready", "running", "waiting", "pending", "onHold"}


def test_adding_an_item_plans_new_work(client, place, worker):
    order_id = place("fibre-voip-port-in")
    voip = example("fibre-voip-port-in")["productOrderItem"][1]
    extra = {**voip, "id": "3", "product": {"productCharacteristic": [{"name": "portIn", "value": False},
                                                                      {"name": "channels", "value": 2}]}}
    preview = client.post(PREVIEW.format(order_id), json={"productOrderItem": [extra]})
    assert preview.status_code == 200, preview.json
    assert preview.json["addedItems"] == ["3"] and preview.json["priceDelta"]["recurring:month"] != "0.00"
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"productOrderItem": [extra]})
    assert response.status_code == 200 and [i["id"] for i in response.json["productOrderItem"]] == ["1", "2", "3"]


@pytest.mark.parametrize("name,patch,status", [
    ("fibre-500", {"description": "too late"}, 409),
    ("fibre-voip-port-in", {"productOrderItem": [{"id": "9", "productOffering": {"id": "fibre-10g"}}]}, 422),
    ("fibre-voip-port-in", {"productOrderItem": [{"id": "1", "state": "cancelled"},
                                                 {"id": "2", "state": "cancelled"}]}, 422),
    ("fibre-voip-port-in", {"state": "completed"}, 422),
])
def test_revisions_that_cannot_be_made_are_clear_errors_and_store_nothing(client, place, runtime, name, patch,
                                                                          status):
    order_id = place(name)
    before = counts(runtime)
    assert client.post(PREVIEW.format(order_id), json=patch).status_code == status
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json=patch).status_code == status
    assert counts(runtime) == before


def test_preview_is_scoped_to_the_customers_own_orders(secure_client, demo_pack, make_user, worker):
    agent, other = make_user("agent", "orderAgent"), make_user("eve", "customer", "cust-9999")
    order_id = secure_client.post(BASE, json=example("sdwan-12-sites"), headers=agent.headers).json["id"]
    worker.run_until_idle()
    patch = {"productOrderItem": [{"id": "1", "quantity": 10}]}
    assert secure_client.post(PREVIEW.format(order_id), json=patch, headers=other.headers).status_code == 404
    assert secure_client.patch(f"{BASE}/{order_id}", json=patch, headers=other.headers).status_code == 404
    assert secure_client.post(PREVIEW.format(order_id), json=patch, headers=agent.headers).status_code == 200
    auditor = make_user("audit", "auditor")
    assert secure_client.post(PREVIEW.format(order_id), json=patch, headers=auditor.headers).status_code == 403
