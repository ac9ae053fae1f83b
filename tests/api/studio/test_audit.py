"""GET /api/v1/audit?orderId=: everything that happened to one order, whatever entity it was recorded on."""
from click.testing import CliRunner

from api.cli import main
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import failing_resource_task


def place(client, worker) -> str:
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def order_events(client, order_id: str) -> list[dict]:
    response = client.get(f"/api/v1/audit?orderId={order_id}&limit=1000")
    assert response.status_code == 200 and response.headers["X-Total-Count"] == str(len(response.json))
    return response.json


def entity_ids_of(client, order_id: str) -> set[str]:
    detail = client.get(f"/api/v1/orders/{order_id}").json
    return {order_id} | {t["id"] for t in detail["tasks"]} | {d["id"] for d in detail.get("domainOrders", [])}


def test_the_order_filter_finds_its_approval_task_and_domain_order_events_and_no_others(
        client, install_pack, worker):  # noqa: F811
    install_pack()
    order_id, other_id = place(client, worker), place(client, worker)
    approval = client.get(f"/api/v1/orders/{order_id}").json["approvals"][0]
    assert client.post(f"/api/v1/approvals/{approval['id']}/approve", json={}).status_code == 200
    worker.run_until_idle()
    task = client.get(f"/api/v1/tasks?orderId={order_id}").json[0]
    assert client.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
    assert client.post(f"/api/v1/tasks/{task['id']}/notes", json={"text": "call first"}).status_code == 200
    events = order_events(client, order_id)
    seen = {(e["entityType"], e["action"]) for e in events}
    assert {("productOrder", "order.captured"), ("productOrder", "approval.requested"),
            ("productOrder", "approval.approved"), ("domainOrder", "domain_order.created"),
            ("task", "task.assigned"), ("task", "task.claimed"), ("task", "task.noted")} <= seen
    assert not {e["entityId"] for e in events} & entity_ids_of(client, other_id)
    assert {e["entityId"] for e in order_events(client, other_id)}.isdisjoint(
        {e["entityId"] for e in events if e["entityType"] in ("task", "domainOrder", "productOrder")})


def test_the_order_filter_finds_its_fallout_and_the_cli_lists_the_same(
        client, install_pack, worker, database_url, monkeypatch):  # noqa: F811
    install_pack(failing_resource_task("no port left to reserve"))
    order_id, other_id = place(client, worker), place(client, worker)
    record = next(r for r in client.get("/api/v1/fallout").json if r["orderId"] == order_id)
    assert client.post(f"/api/v1/fallout/{record['id']}/retry").status_code == 200
    events = order_events(client, order_id)
    fallout = [e["action"] for e in events if e["entityType"] == "fallout"]
    assert "fallout.opened" in fallout and any(action != "fallout.opened" for action in fallout)
    assert ("task", "task.failed") in {(e["entityType"], e["action"]) for e in events}
    assert all(e["entityId"] != other_id and e["data"].get("orderId") in (None, order_id) for e in events)
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    listed = CliRunner().invoke(main, ["audit", "list", "--order", order_id, "--limit", "1000"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[-1] == f"{len(events)} of {len(events)} entries"
    assert [line.split("\t")[0] for line in listed.output.splitlines()[:-1]] == [str(e["id"]) for e in events]


def test_the_audit_list_pages_filters_and_sorts_with_counts_in_headers(client, demo_pack):
    for key in ("g1", "g2", "g3"):
        assert client.post("/api/v1/groups", json={"key": key}).status_code == 201
    newest = client.get("/api/v1/audit?entityType=group&limit=2")
    assert [e["entityId"] for e in newest.json] == ["g3", "g2"]
    assert (newest.headers["X-Total-Count"], newest.headers["X-Result-Count"]) == ("3", "2")
    oldest = client.get("/api/v1/audit?entityType=group&sort=id&offset=1")
    assert [e["entityId"] for e in oldest.json] == ["g2", "g3"] and oldest.headers["X-Total-Count"] == "3"
    assert set(newest.json[0]) == {"id", "at", "actor", "action", "entityType", "entityId", "data", "hash"}
    assert client.get("/api/v1/audit?entityType=group&entityId=g2").headers["X-Total-Count"] == "1"


def test_an_unknown_audit_filter_or_sort_is_a_400_and_the_log_needs_audit_read(client, secure_client, make_user):
    assert client.get("/api/v1/audit?entity=x").status_code == 400
    assert client.get("/api/v1/audit?sort=actor").status_code == 400
    agent = make_user("otto", "orderAgent").headers
    assert secure_client.get("/api/v1/audit", headers=agent).status_code == 403
    assert secure_client.get("/api/v1/audit/verify", headers=agent).status_code == 403
