"""Input the database cannot hold answers 400 / 404 / 422 with where, never a 500 (found by the fuzzing stage)."""
from __future__ import annotations

import json

from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"


def test_nul_characters_are_refused_with_their_pointer(client, demo_pack):
    body = {"kind": "catalog", "key": "k", "schemaVersion": 1, "body": {"a": ["ok", "x\u0000y"]}}
    response = client.post("/api/v1/studio/artifacts", json=body)
    assert response.status_code == 400 and response.json["errors"][0]["pointer"] == "/body/a/1"
    assert client.post("/api/v1/studio/validate", json={"k\u0000": 1}).json["errors"][0]["pointer"] == "/k\u0000"
    assert client.get("/api/v1/audit?actor=a%00b").status_code == 400
    escaped = client.post("/api/v1/studio/validate", data='{"text": "a\\\\u0000"}', content_type="application/json")
    assert escaped.status_code == 200  # an escaped backslash followed by "u0000" is no NUL


def test_integers_beyond_the_columns_are_refused(client, demo_pack):
    huge = 2**64
    assert client.get(f"/api/v1/studio/artifacts/catalog.telco-demo/versions/{huge}").status_code == 404
    assert client.get(f"/api/v1/studio/artifacts/catalog.telco-demo/diff?from=1&to={huge}").status_code == 400
    assert client.get(f"/api/v1/tasks?offset={huge}").status_code == 400
    at_the_door = client.post("/api/v1/studio/packs", json={"key": "p", "pins": {"catalog.telco-demo": huge,
                                                                                  "prices.eur": -huge}})
    assert at_the_door.status_code == 422  # api.limits: no integer outside 64 bits gets past the door
    assert [(e["pointer"], e["code"]) for e in at_the_door.json["errors"]] == [
        ("/pins/catalog.telco-demo", "out_of_range"), ("/pins/prices.eur", "out_of_range")]
    refused = client.post("/api/v1/studio/packs", json={"key": "p", "title": {"x": 1},
                                                       "pins": {"catalog.telco-demo": 2**40, "prices.eur": None}})
    assert refused.status_code == 422
    assert {e["pointer"] for e in refused.json["errors"]} == {"/pins/catalog.telco-demo", "/pins/prices.eur",
                                                             "/title"}


def test_an_artifact_kind_that_is_not_a_string_is_an_issue_not_a_crash(client):
    document = {"kind": [], "key": "k", "schemaVersion": 1, "body": {}}
    assert client.post("/api/v1/studio/artifacts", json=document).status_code == 422
    assert client.post("/api/v1/studio/validate", json=document).json["valid"] is False


def test_order_items_with_the_same_id_are_refused_before_anything_is_stored(client, demo_pack):
    order = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())
    order["productOrderItem"] = order["productOrderItem"] * 2
    for url in (ORDERS, f"/api/v1/studio/packs/{demo_pack.key}/{demo_pack.version}/simulate"):
        response = client.post(url, json=order)
        assert response.status_code == 422, url
        assert [d["pointer"] for d in response.json.get("details") or response.json["errors"]] == [
            "/productOrderItem/1/id"]
    assert client.get(ORDERS).json == []
