"""Enrichment: missing information sends the order to pending; a PATCH that supplies it resumes it."""
from engine.store.models import CustomerOrder
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.rulepacks.telco_demo_driver import if_match

FLOW = {"kind": "enrichment_flow", "key": "enrich.mini", "schemaVersion": 1, "title": "mini", "tests": [],
        "body": {"steps": [
            {"id": "term", "type": "set", "assignments": [
                {"target": "order.term", "value": {"if": [{"var": "order.term"}, {"var": "order.term"}, 24]}}]},
            {"id": "po", "type": "requireInformation",
             "condition": {"==": [{"var": "order.category"}, "business"]},
             "fields": [{"path": "order.purchaseOrderNumber", "label": "Purchase order number"}]},
            {"id": "minimum", "type": "validate", "rule": {">=": [{"var": "order.term"}, 12]},
             "message": "The contract term is at least 12 months"}]}}


def with_flow(documents, bindings):
    bindings.pop("approval")
    documents.append(FLOW)
    bindings["enrichment"] = FLOW["key"]


def test_missing_information_puts_the_order_in_pending_until_a_patch_supplies_it(client, install_pack, worker,
                                                                                 runtime):
    install_pack(with_flow)
    order_id = client.post(BASE, json=fibre_order(category="business")).json["id"]
    worker.run_until_idle()
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert (order["state"], order["stage"]) == ("pending", "awaitingInformation")
    assert [m["path"] for m in order["missingInformation"]] == ["order.purchaseOrderNumber"]
    assert {i["state"] for i in order["items"]} == {"pending"}
    resumed = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                           json={"purchaseOrderNumber": "PO-2026-17"})
    assert resumed.status_code == 200, resumed.json
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert order["state"] == "inProgress" and order["revision"] == 2 and order["missingInformation"] is None
    with runtime.reading() as session:
        stored = session.get(CustomerOrder, order_id).payload
    assert stored["purchaseOrderNumber"] == "PO-2026-17" and stored["term"] == 24
    tmf = client.get(f"{BASE}/{order_id}").json  # TMF622 shows what it declares: neither is a ProductOrder property
    assert "purchaseOrderNumber" not in tmf and "term" not in tmf


def test_a_failed_validation_rejects_with_its_message(client, install_pack, worker):
    install_pack(with_flow)
    order_id = client.post(BASE, json=fibre_order(term=6)).json["id"]
    worker.run_until_idle()
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert order["state"] == "rejected" and order["stateReason"] == "The contract term is at least 12 months"
