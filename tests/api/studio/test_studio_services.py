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


def diff_of(client, document, change) -> dict:
    """Publish ``document``, save ``change(copy)`` as version 2 and diff 1 -> 2."""
    publish(client, document)
    changed = json.loads(json.dumps(document))
    change(changed["body"])
    new_version(client, changed)
    response = client.get(f"{BASE}/artifacts/{document['key']}/diff?from=1&to=2")
    assert response.status_code == 200, response.json
    return response.json


def test_a_reordered_table_row_is_one_move_keyed_by_rule_id(client):
    diff = diff_of(client, fixture("decision_table"), lambda body: body["rules"].insert(0, body["rules"].pop()))
    assert diff["table"]["rows"] == {"added": [], "removed": [], "changed": [], "moved": ["auto"]}
    assert [(c["op"], c["pointer"], c["from"]) for c in diff["changes"]] == [("move", "/body/rules/0", "/body/rules/2")]


def test_a_row_inserted_in_the_middle_is_one_add_not_a_change_of_every_row_below(client):
    row = {"id": "mid", "inputEntries": ["> 500", "-"], "outputEntries": ['"approvalTask"', '"x"', '"y"']}
    diff = diff_of(client, fixture("decision_table"), lambda body: body["rules"].insert(1, row))
    assert diff["table"]["rows"] == {"added": ["mid"], "removed": [], "changed": [], "moved": []}
    assert [(c["op"], c["pointer"]) for c in diff["changes"]] == [("add", "/body/rules/1")]


def test_plan_tasks_are_matched_by_key_and_catalog_entries_by_id(client):
    plan = diff_of(client, fixture("orchestration_plan"), lambda body: body["tasks"].reverse())
    assert {c["op"] for c in plan["changes"]} == {"move"} and plan["table"] is None
    assert len(plan["changes"]) == len(fixture("orchestration_plan")["body"]["tasks"]) - 1
    offering = {"id": "new-offer", "name": "New", "productSpecification": "fibre-access"}
    catalog = diff_of(client, fixture("catalog"), lambda body: body["productOfferings"].insert(1, offering))
    assert [(c["op"], c["pointer"]) for c in catalog["changes"]] == [("add", "/body/productOfferings/1")]


def test_lint_findings_name_the_row_rule_id_and_column_of_their_cell(client):
    table = {"kind": "decision_table", "key": "t.never", "schemaVersion": 1, "tests": [],
             "body": {"hitPolicy": "FIRST",
                      "inputs": [{"name": "size", "path": "size", "type": "number", "allowedValues": [1, 2, 3]}],
                      "outputs": [{"name": "band", "type": "string"}],
                      "rules": [{"id": "small", "inputEntries": ["[1..2]"], "outputEntries": ['"s"']},
                                {"id": "huge", "inputEntries": ["> 5"], "outputEntries": ['"h"']}]}}
    client.post(f"{BASE}/artifacts", json=table)
    findings = client.get(f"{BASE}/artifacts/t.never/versions/1/lint").json["findings"]
    never = next(f for f in findings if f["code"] == "never_matches")
    assert (never["pointer"], never["row"], never["ruleId"], never["column"], never["side"]) == (
        "/body/rules/1/inputEntries/0", 1, "huge", "size", "input")
    assert never["severity"] == "error" and never["message"]
    gap = next(f for f in findings if f["code"] == "uncovered")
    assert (gap["pointer"], gap["row"], gap["column"]) == ("/body/rules", None, None)


FAKE_DOT = """#!/bin/sh
cat > /dev/null
echo '<svg xmlns="http://www.w3.org/2000/svg"><text>drawn</text></svg>'
"""


@pytest.fixture
def plan_graph(client):
    plan = fixture("orchestration_plan")
    client.post(f"{BASE}/artifacts", json=plan)
    return f"{BASE}/artifacts/{plan['key']}/versions/1/graph"


def test_a_graph_is_svg_by_format_or_accept_when_dot_is_installed(client, plan_graph, tmp_path, monkeypatch):
    fake = tmp_path / "dot"
    fake.write_text(FAKE_DOT)
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{__import__('os').environ['PATH']}")
    svg = client.get(f"{plan_graph}?format=svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"drawn" in svg.data
    assert client.get(plan_graph, headers={"Accept": "image/svg+xml"}).mimetype == "image/svg+xml"
    assert client.get(plan_graph, headers={"Accept": "text/vnd.graphviz"}).mimetype == "text/vnd.graphviz"
    assert client.get(f"{plan_graph}?format=dot", headers={"Accept": "image/svg+xml"}).mimetype == "text/vnd.graphviz"


def test_without_graphviz_svg_is_a_503_that_says_so_and_dot_still_works(client, plan_graph, monkeypatch):
    monkeypatch.setattr("studio.graphs.render.dot_program", lambda: None)
    refused = client.get(f"{plan_graph}?format=svg")
    assert refused.status_code == 503 and "Graphviz" in refused.json["detail"] and "format=dot" in refused.json["detail"]
    assert client.get(f"{plan_graph}?format=dot").status_code == 200
    assert client.get(f"{plan_graph}?format=png").status_code == 400


@pytest.mark.skipif(__import__("shutil").which("dot") is None, reason="Graphviz dot is not installed (make setup)")
def test_graphviz_draws_the_plan_as_svg_with_a_node_per_task(client, plan_graph):
    import xml.etree.ElementTree as ElementTree

    plan = fixture("orchestration_plan")
    svg = client.get(f"{plan_graph}?format=svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    root = ElementTree.fromstring(svg.data)
    nodes = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(nodes) >= len(plan["body"]["tasks"])
