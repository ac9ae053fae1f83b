"""Fallout agent actions: fix the data and resume, fail the item (the order ends partial or failed), bulk retry."""
from sqlalchemy import select

from engine.store import audit
from engine.store.models import AuditEvent, DomainOrder, Product, Task
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import failing_resource_task

STATIC_IP = {"id": "2", "action": "add", "quantity": 1, "productOffering": {"id": "static-ip"},
             "product": {"productCharacteristic": []}}


def with_static_ip_price(mutate):
    def both(documents, bindings):
        mutate(documents, bindings)
        prices = next(d for d in documents if d["kind"] == "price_list")
        prices["body"]["prices"].append({"id": "ip-mrc", "productOffering": "static-ip", "priceType": "recurring",
                                         "recurringChargePeriod": "month", "amount": "5.00"})
    return both


def place(client, worker, body=None):
    order_id = client.post(BASE, json=body or fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def open_records(client, **query):
    return client.get("/api/v1/fallout", query_string=query).json


def order(client, order_id):
    return client.get(f"/api/v1/orders/{order_id}").json


def test_fix_patches_the_params_audits_before_and_after_and_resumes(client, install_pack, worker, runtime):
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = place(client, worker)
    [record] = open_records(client)
    fixed = client.post(f"/api/v1/fallout/{record['id']}/fix",
                        json={"params": {"outcome": "success", "error": None}, "reason": "port freed"})
    assert fixed.status_code == 200 and fixed.json["resolution"] == "retried"
    task = next(t for t in order(client, order_id)["tasks"] if t["id"] == record["taskId"])
    assert task["state"] == "completed" and task["params"] == {"outcome": "success"}
    assert open_records(client) == []
    with runtime.reading() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "fallout.fixed")).scalar_one()
        assert audit.verify(session) is None
    assert event.data["before"]["params"] == {"outcome": "fail", "error": "no port left to reserve"}
    assert event.data["after"]["params"] == {"outcome": "success"} and event.data["reason"] == "port freed"


def test_fix_patches_line_characteristics_and_refuses_unknown_lines(client, install_pack, worker, runtime):
    install_pack(failing_resource_task("no port left to reserve"))
    place(client, worker)
    [record] = open_records(client)
    url = f"/api/v1/fallout/{record['id']}/fix"
    assert client.post(url, json={}).status_code == 422
    assert client.post(url, json={"params": ["x"]}).json["errors"][0]["pointer"] == "/params"
    refused = client.post(url, json={"lines": {"no-such-line": {"port": "A1"}}})
    assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == "/lines/no-such-line"
    assert [r["id"] for r in open_records(client)] == [record["id"]]
    with runtime.reading() as session:
        task = session.get(Task, record["taskId"])
        line_id = session.get(DomainOrder, task.domain_order_id).payload["lines"][0]["id"]
    fixed = client.post(url, json={"lines": {line_id: {"port": "A1"}}})
    assert fixed.status_code == 200
    with runtime.reading() as session:
        lines = session.get(DomainOrder, task.domain_order_id).payload["lines"]
    assert lines[0]["characteristics"]["port"] == "A1"


def test_fail_item_fails_the_domain_order_cancels_dependants_and_the_order_fails(client, install_pack, worker,
                                                                                 runtime):
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = place(client, worker)
    [record] = open_records(client)
    url = f"/api/v1/fallout/{record['id']}/fail-item"
    refused = client.post(url, json={"reason": " "})
    assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == "/reason"
    failed = client.post(url, json={"reason": "no port in this street"})
    assert failed.status_code == 200 and failed.json["resolution"] == "itemFailed"
    detail = order(client, order_id)
    assert detail["state"] == "failed" and [i["state"] for i in detail["items"]] == ["failed"]
    assert not [t for t in detail["tasks"] if t["state"] in ("ready", "running", "waiting", "pending", "onHold")]
    with runtime.reading() as session:
        states = {d.ref: d.state for d in session.execute(select(DomainOrder)).scalars()}
        assert session.execute(select(Product)).scalars().all() == []
    assert states["resource:inv-ports"] == "failed" and states["service:oss-fibre"] == "cancelled"
    assert client.post(url, json={"reason": "again"}).status_code == 409


def test_fail_item_ends_the_order_partial_and_only_completed_items_get_products(client, install_pack, worker,
                                                                                runtime):
    install_pack(with_static_ip_price(failing_resource_task("no port left to reserve")))
    order_id = place(client, worker, fibre_order(productOrderItem=[*fibre_order()["productOrderItem"], STATIC_IP]))
    [record] = open_records(client)
    client.post(f"/api/v1/fallout/{record['id']}/fail-item", json={"reason": "no port"})
    detail = order(client, order_id)
    assert detail["state"] == "partial"
    assert {i["id"]: i["state"] for i in detail["items"]} == {"1": "failed", "2": "completed"}
    with runtime.reading() as session:
        products = session.execute(select(Product)).scalars().all()
    assert [p.offering_id for p in products] == ["static-ip"]


def test_bulk_retry_retries_each_record_on_its_own_and_reports_each_outcome(client, install_pack, worker):
    install_pack(failing_resource_task("no port left to reserve"))
    for n in range(3):
        place(client, worker, fibre_order(externalId=f"bulk-{n}"))
    first, second, third = open_records(client)
    client.post(f"/api/v1/fallout/{third['id']}/force-complete", json={"reason": "done by hand"})
    response = client.post("/api/v1/fallout/retry", json={"ids": [first["id"], "nope", third["id"], second["id"]]})
    assert response.status_code == 200 and response.json["retried"] == 2
    assert [(r["id"], r["outcome"], r["status"]) for r in response.json["results"]] == [
        (first["id"], "retried", 200), ("nope", "refused", 404), (third["id"], "refused", 409),
        (second["id"], "retried", 200)]
    again = open_records(client)
    assert len(again) == 2 and {r["details"]["attempt"] for r in again} == {2}
    by_filter = client.post("/api/v1/fallout/retry", json={"type": "inventory allocation"}).json
    assert by_filter["retried"] == 2
    assert client.post("/api/v1/fallout/retry", json={"type": "other"}).json == {"retried": 0, "results": []}


def test_bulk_retry_needs_ids_or_a_filter(client, install_pack):
    install_pack(failing_resource_task("no port left to reserve"))
    assert client.post("/api/v1/fallout/retry", json={}).status_code == 422
    assert client.post("/api/v1/fallout/retry", json={"ids": "x"}).json["errors"][0]["pointer"] == "/ids"
    assert client.post("/api/v1/fallout/retry", json={"ids": ["x"] * 501}).status_code == 422
    assert client.post("/api/v1/fallout/retry", json=[1]).status_code == 422
    assert client.post("/api/v1/fallout/retry", data="{", content_type="application/json").status_code == 400
    assert client.post("/api/v1/fallout/retry", data="ids=x", content_type="text/plain").status_code == 415


def test_the_manager_view_filters_by_type_and_group(client, install_pack, worker):
    install_pack(failing_resource_task("no port left to reserve"))
    place(client, worker)
    summary = client.get("/api/v1/fallout/summary?group=inventory-team").json
    assert summary["open"] == 1 and summary["byPriority"] == {"2": 1}
    assert client.get("/api/v1/fallout/summary?type=stuck").json["open"] == 0


def test_cancel_order_from_fallout_cancels_the_order_and_resolves_the_record(client, install_pack, worker, runtime):
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = place(client, worker)
    [record] = open_records(client)
    url = f"/api/v1/fallout/{record['id']}/cancel-order"
    assert client.post(url, json={}).json["errors"][0]["pointer"] == "/reason"
    assert order(client, order_id)["state"] == "inProgress"
    cancelled = client.post(url, json={"reason": "customer gave up after the port shortage"})
    assert cancelled.status_code == 200 and cancelled.json["resolution"] == "orderCancelled"
    worker.run_until_idle()
    detail = order(client, order_id)
    assert detail["state"] == "cancelled" and [i["state"] for i in detail["items"]] == ["cancelled"]
    assert not [t for t in detail["tasks"] if t["state"] in ("ready", "running", "waiting", "pending", "onHold")]
    assert open_records(client) == []
    assert client.post(url, json={"reason": "again"}).status_code == 409
    with runtime.reading() as session:
        assert audit.verify(session) is None
        assert session.execute(select(Product)).scalars().all() == []
