"""POST /api/v1/studio/decomposition/preview: an order through a (draft) catalog and decomposition rules."""
import json

from tests.conftest import ROOT

BASE = "/api/v1/studio/decomposition"
ARTIFACTS = ROOT / "rulepacks" / "telco-demo" / "artifacts"


def artifact(name: str) -> dict:
    return json.loads((ARTIFACTS / f"{name}.json").read_text())


def fibre_order(**characteristics) -> dict:
    return {"productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": "fibre-500"},
                                  "characteristics": {"bandwidth": "500M", **characteristics}}]}


def test_preview_of_the_given_documents_lists_reached_specs_and_domain_orders(client):
    result = client.post(f"{BASE}/preview", json={"catalog": artifact("catalog"), "rules": artifact("decompose.telco"),
                                                  "order": fibre_order()})
    assert result.status_code == 200, result.json
    body = result.json
    item = body["items"][0]
    assert item["offering"] == "fibre-500" and item["specification"] == "spec-fibre-access"
    assert [r["specification"] for r in item["units"][0]["reached"]] == [
        "spec-fibre-access", "cfs-internet", "rfs-gpon-access", "res-olt-port", "res-ont", "rfs-cpe-config",
        "res-router"]
    refs = [d["ref"] for d in body["domainOrders"]]
    assert refs == ["resource:inventory", "service:oss-fibre", "product:product-inventory"]
    service = body["domainOrders"][1]
    assert service["dependsOn"] == ["resource:inventory"]
    assert {line["rule"] for line in service["lines"]} == {"fibre-gpon", "fibre-cpe-config", "fibre-internet"}
    assert body["problems"] == [] and body["catalog"] == "catalog.telco-demo" and body["rules"] == "decompose.telco"


def test_a_draft_change_shows_in_the_preview(client):
    rules = artifact("decompose.telco")
    order = fibre_order(ownRouter=True)
    before = client.post(f"{BASE}/preview", json={"catalog": artifact("catalog"), "rules": rules, "order": order}).json
    assert {"rule": "fibre-router", "itemId": "1", "specification": "res-router", "reason": "exclude is true"} in \
        before["dropped"]
    rules["body"]["rules"] = [r for r in rules["body"]["rules"] if r["id"] != "fibre-router"]
    for rule in rules["body"]["rules"]:
        rule["dependsOn"] = [d for d in rule.get("dependsOn", []) if d != "fibre-router"]
    after = client.post(f"{BASE}/preview", json={"catalog": artifact("catalog"), "rules": rules, "order": order}).json
    assert all(d["rule"] != "fibre-router" for d in after["dropped"])


def test_unknown_offering_is_a_problem_not_an_error(client):
    order = {"productOrderItem": [{"id": "1", "productOffering": {"id": "fibre-10g"}}]}
    body = client.post(f"{BASE}/preview", json={"catalog": artifact("catalog"), "rules": artifact("decompose.telco"),
                                                "order": order}).json
    assert body["items"][0]["units"] == [] and body["domainOrders"] == []
    assert [p["code"] for p in body["problems"]] == ["unknown_offering"]


def test_an_invalid_draft_is_a_422_pointing_into_it(client):
    catalog = artifact("catalog")
    catalog["body"]["productOfferings"][0]["productSpecification"] = {"id": "spec-missing"}
    response = client.post(f"{BASE}/preview", json={"catalog": catalog, "rules": artifact("decompose.telco"),
                                                    "order": fibre_order()})
    assert response.status_code == 422
    assert all(e["pointer"].startswith("/catalog/") for e in response.json["errors"])
    wrong = client.post(f"{BASE}/preview", json={"catalog": artifact("decompose.telco"), "rules": artifact("catalog"),
                                                 "order": fibre_order()})
    assert wrong.status_code == 422 and wrong.json["errors"][0]["pointer"] == "/catalog/kind"


def test_without_documents_the_active_pack_is_used(client, demo_pack):
    body = client.post(f"{BASE}/preview", json={"order": fibre_order()}).json
    assert body["catalog"] == "catalog.telco-demo" and body["rules"] == "decompose.telco"
    assert len(body["domainOrders"]) == 3


def test_examples_are_the_demo_orders(client):
    examples = client.get(f"{BASE}/examples").json["examples"]
    fibre = next(e for e in examples if e["name"] == "fibre-500")
    assert fibre["order"]["productOrderItem"][0]["productOffering"]["id"] == "fibre-500"
    assert "externalId" not in fibre["order"]
