"""The auditor's reads: a rule version's usage (publisher, tests, packs pinning it, orders on them), an order's
"why" (provenance of every price line and task), the log's time filter, and verify naming a tampered entry."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from engine.clock import iso
from engine.store.models import AuditEvent
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
FIBRE = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())
MATRIX = "/api/v1/audit/artifacts/prices.fibre-matrix/versions"


@pytest.fixture
def staff(make_user):
    return {role: make_user(role, role).headers for role in ("auditor", "orderAgent", "processAdmin",
                                                            "fulfillmentAgent")}


@pytest.fixture
def order_id(secure_client, demo_pack, worker, staff):
    placed = secure_client.post(BASE, json={**FIBRE, "externalId": "audit-views-1"}, headers=staff["orderAgent"])
    assert placed.status_code == 201, placed.json
    worker.run_until_idle()
    return placed.json["id"]


def test_a_pinned_version_names_its_publisher_tests_packs_with_activation_periods_and_orders(
        secure_client, order_id, staff):
    usage = secure_client.get(f"{MATRIX}/1/usage", headers=staff["auditor"])
    assert usage.status_code == 200, usage.json
    body = usage.json
    assert (body["key"], body["version"], body["status"], body["publishedBy"]) == (
        "prices.fibre-matrix", 1, "published", "test")
    assert body["tests"] and all(t["passed"] and t["message"] == "" for t in body["tests"])
    [pack] = body["packs"]
    assert (pack["pack"], pack["active"], pack["orderCount"]) == ("telco-demo@1", True, 1)
    assert [(p["actor"], p["until"]) for p in pack["activations"]] == [("test", None)]
    assert body["orderCount"] == 1
    orders = secure_client.get(f"{MATRIX}/1/orders", headers=staff["auditor"])
    assert orders.headers["X-Total-Count"] == "1"
    assert [(o["id"], o["externalId"], o["pack"]) for o in orders.json] == [(order_id, "audit-views-1", "telco-demo@1")]


def test_a_version_no_pack_pins_has_no_packs_and_no_orders(secure_client, order_id, staff):
    admin = staff["processAdmin"]
    draft = secure_client.post("/api/v1/studio/artifacts/prices.fibre-matrix/drafts", json={}, headers=admin)
    assert draft.status_code == 201, draft.json
    version = draft.json["version"]
    published = secure_client.post(f"/api/v1/studio/artifacts/prices.fibre-matrix/versions/{version}/publish",
                                   headers=admin)
    assert published.status_code == 200, published.json
    body = secure_client.get(f"{MATRIX}/{version}/usage", headers=staff["auditor"]).json
    assert (body["publishedBy"], body["packs"], body["orderCount"]) == ("processAdmin", [], 0)
    assert secure_client.get(f"{MATRIX}/{version}/orders", headers=staff["auditor"]).headers["X-Total-Count"] == "0"


def test_an_orders_why_names_the_artifact_version_and_row_of_every_price_line_and_task(
        secure_client, order_id, staff, demo_pack):
    why = secure_client.get(f"/api/v1/audit/orders/{order_id}/why", headers=staff["auditor"])
    assert why.status_code == 200, why.json
    body = why.json
    pins = {pin.artifact_version.artifact.key: pin.artifact_version.version for pin in demo_pack.pins}
    assert body["pack"]["pack"] == f"telco-demo@{demo_pack.version}"
    lines = {(line["provenance"]["artifact"], line["provenance"]["row"]) for line in body["priceLines"]}
    assert ("prices.fibre-matrix", "500M-24-north") in lines
    assert all(line["provenance"]["version"] == pins[line["provenance"]["artifact"]] for line in body["priceLines"])
    tasks = [(d["plan"]["artifact"], t["provenance"]) for d in body["domainOrders"] for t in d["tasks"]]
    assert tasks and all(p["artifact"] == plan and p["version"] == pins[plan] and p["row"] for plan, p in tasks)
    detail = secure_client.get(f"/api/v1/orders/{order_id}", headers=staff["auditor"]).json
    assert sorted(t["id"] for d in body["domainOrders"] for t in d["tasks"]) == sorted(t["id"] for t in detail["tasks"])
    rules = {p["row"] for d in body["domainOrders"] for p in d["decomposition"]}
    assert "fibre-olt-port" in rules


def test_the_auditor_views_need_audit_read_and_name_what_is_missing(secure_client, order_id, staff):
    for path in (f"{MATRIX}/1/usage", f"{MATRIX}/1/orders", f"/api/v1/audit/orders/{order_id}/why",
                 "/api/v1/audit", "/api/v1/audit/verify"):
        assert secure_client.get(path, headers=staff["fulfillmentAgent"]).status_code == 403, path
        assert secure_client.get(path, headers=staff["processAdmin"]).status_code == 200, path
    assert secure_client.get(f"{MATRIX}/99/usage", headers=staff["auditor"]).status_code == 404
    assert secure_client.get("/api/v1/audit/orders/nope/why", headers=staff["auditor"]).status_code == 404
    assert secure_client.get(f"{MATRIX}/1/orders?sort=state", headers=staff["auditor"]).status_code == 400


def test_the_log_filters_by_time(client, demo_pack, clock):
    assert client.post("/api/v1/groups", json={"key": "before"}).status_code == 201
    clock.advance(hours=2)
    middle = clock.now() - timedelta(hours=1)
    assert client.post("/api/v1/groups", json={"key": "after"}).status_code == 201
    later = client.get("/api/v1/audit", query_string={"entityType": "group", "atFrom": iso(middle)})
    earlier = client.get("/api/v1/audit", query_string={"entityType": "group", "atTo": iso(middle)})
    assert [e["entityId"] for e in later.json] == ["after"] and later.headers["X-Total-Count"] == "1"
    assert [e["entityId"] for e in earlier.json] == ["before"]
    assert client.get("/api/v1/audit?atFrom=yesterday").status_code == 400
    assert client.get("/api/v1/audit?idFrom=0").status_code == 400


def test_the_orders_on_a_version_page_newest_first_with_the_count_of_all(secure_client, order_id, staff, clock):
    clock.advance(minutes=1)
    second = secure_client.post(BASE, json={**FIBRE, "externalId": "audit-views-2"}, headers=staff["orderAgent"])
    assert second.status_code == 201, second.json
    first_page = secure_client.get(f"{MATRIX}/1/orders?limit=1", headers=staff["auditor"])
    assert [o["externalId"] for o in first_page.json] == ["audit-views-2"]
    assert (first_page.headers["X-Total-Count"], first_page.headers["X-Result-Count"]) == ("2", "1")
    oldest = secure_client.get(f"{MATRIX}/1/orders?sort=orderDate", headers=staff["auditor"]).json
    assert [o["externalId"] for o in oldest] == ["audit-views-1", "audit-views-2"]


def test_verify_names_a_tampered_entry_as_the_first_broken_one(secure_client, order_id, staff, runtime):
    auditor = staff["auditor"]
    with runtime.session_factory() as session:
        ids = session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
    assert secure_client.get("/api/v1/audit/verify", headers=auditor).json == {
        "intact": True, "firstBrokenEntry": None, "reason": None, "checked": len(ids)}
    with runtime.session_factory() as session:
        tampered, later = ids[len(ids) // 2], ids[-1]
        for entry_id in (tampered, later):
            session.execute(update(AuditEvent).where(AuditEvent.id == entry_id).values(actor="mallory"))
        session.commit()
    check = secure_client.get("/api/v1/audit/verify", headers=auditor).json
    assert check == {"intact": False, "firstBrokenEntry": tampered, "reason": "content does not match its hash",
                     "checked": ids.index(tampered)}
    shown = secure_client.get(f"/api/v1/audit?idFrom={tampered}&sort=id&limit=1", headers=auditor).json
    assert [(e["id"], e["actor"]) for e in shown] == [(tampered, "mallory")]
