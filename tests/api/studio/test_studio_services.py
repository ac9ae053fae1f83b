import json

import pydot
import pytest

from tests.conftest import ROOT

BASE = "/api/v1/studio"
FIXTURES = ROOT / "tests" / "engine" / "kinds" / "fixtures"


def fixture(kind: str) -> dict:
    return json.loads((FIXTURES / f"{kind}.json").read_text())


def publish(client, document) -> int:
    created = client.post(f"{BASE}/artifacts", json=document)
    assert created.status_code == 201, created.json
    version = created.json["version"]
    published = client.post(f"{BASE}/artifacts/{document['key']}/versions/{version}/publish")
    assert published.status_code == 200, published.json
    return version


def new_version(client, document) -> int:
    """A new draft of the document's artifact holding ``document`` (saved with If-Match)."""
    created = client.post(f"{BASE}/artifacts/{document['key']}/drafts")
    assert created.status_code == 201, created.json
    saved = client.put(created.json["href"], json=document, headers={"If-Match": created.headers["ETag"]})
    assert saved.status_code == 200, saved.json
    return saved.json["version"]


def test_diff_of_two_table_versions_lists_rows_and_ignores_ui(client):
    table = fixture("decision_table")
    publish(client, table)
    changed = json.loads(json.dumps(table))
    changed["body"]["rules"][0]["outputEntries"][-1] = "very large order"
    changed["ui"] = {"zoom": 2}
    new_version(client, changed)
    diff = client.get(f"{BASE}/artifacts/{table['key']}/diff?from=1&to=2").json
    assert not diff["empty"]
    assert [row["id"] for row in diff["table"]["rows"]["changed"]] == [table["body"]["rules"][0]["id"]]
    assert all(not c["pointer"].startswith("/ui") for c in diff["changes"])
    assert client.get(f"{BASE}/artifacts/{table['key']}/diff?from=1").status_code == 400


def test_simulate_a_table_returns_output_and_trace_and_writes_nothing(client):
    table = fixture("decision_table")
    publish(client, table)
    before = client.get("/api/v1/audit").headers["X-Total-Count"]
    result = client.post(f"{BASE}/artifacts/{table['key']}/versions/1/simulate",
                         json={"input": table["tests"][0]["input"]}).json
    assert result["output"] == client.post(f"{BASE}/artifacts/{table['key']}/versions/1/simulate",
                                           json={"input": table["tests"][0]["input"]}).json["output"]
    assert result["trace"]["matched"] and result["trace"]["hitPolicy"] == table["body"]["hitPolicy"]
    assert client.get("/api/v1/audit").headers["X-Total-Count"] == before
    missing = client.post(f"{BASE}/artifacts/{table['key']}/versions/1/simulate", json={})
    assert missing.status_code == 422 and missing.json["errors"][0]["pointer"] == "/input"


def test_lint_finds_an_overlap_under_unique(client):
    table = {"kind": "decision_table", "key": "t.overlap", "schemaVersion": 1, "title": "overlap", "tests": [],
             "body": {"hitPolicy": "UNIQUE", "inputs": [{"name": "total", "path": "total", "type": "number"}],
                      "outputs": [{"name": "band", "type": "string"}],
                      "rules": [{"id": "low", "inputEntries": ["[0..100]"], "outputEntries": ["low"]},
                                {"id": "high", "inputEntries": [">= 50"], "outputEntries": ["high"]}]}}
    client.post(f"{BASE}/artifacts", json=table)
    findings = client.get(f"{BASE}/artifacts/t.overlap/versions/1/lint").json["findings"]
    overlap = [f for f in findings if f["code"] == "overlap"]
    assert overlap and set(overlap[0]["rules"]) == {"low", "high"}
    assert overlap[0]["pointer"].startswith("/body/rules/")


def test_graph_of_a_plan_is_dot_with_a_node_per_task(client):
    plan = fixture("orchestration_plan")
    client.post(f"{BASE}/artifacts", json=plan)
    response = client.get(f"{BASE}/artifacts/{plan['key']}/versions/1/graph")
    assert response.mimetype == "text/vnd.graphviz"
    graph = pydot.graph_from_dot_data(response.get_data(as_text=True))[0]
    names = {node.get_name().strip('"') for node in graph.get_nodes()}
    assert {task["key"] for task in plan["body"]["tasks"]} <= names


def test_graph_of_a_kind_without_graphs_is_a_422(client):
    client.post(f"{BASE}/artifacts", json=fixture("price_list"))
    response = client.get(f"{BASE}/artifacts/{fixture('price_list')['key']}/versions/1/graph")
    assert response.status_code == 422


@pytest.mark.parametrize("offering,accepted", [("fibre-500", True), ("fibre-10g", False)])
def test_simulate_an_order_through_a_pack(client, demo_pack, offering, accepted):
    order = {"productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": offering}}]}
    result = client.post(f"{BASE}/packs/telco-demo/1/simulate", json=order).json
    assert result["accepted"] is accepted and result["pack"] == "telco-demo@1"
    assert bool(result["domainOrders"]) is accepted
    assert result["trace"][0]["artifact"] == "catalog.telco-demo"
    assert client.get("/tmf-api/productOrderingManagement/v4/productOrder").json == []
