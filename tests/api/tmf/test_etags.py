"""Strong ETags on TMF GETs (If-None-Match -> 304) and If-Match on productOrder writes (428 / 412), api.tmf.etags."""
from __future__ import annotations

import pytest

from tests.rulepacks.telco_demo_driver import BASE, PRODUCTS, example, if_match

SERVICE = "/tmf-api/serviceOrdering/v4/serviceOrder"
RESOURCE = "/tmf-api/resourceOrderingManagement/v4/resourceOrder"
CATALOG = "/tmf-api/productCatalogManagement/v4"


@pytest.fixture
def order_id(client, demo_pack):
    """An acknowledged order (no worker ran): it changes only when the test changes it."""
    response = client.post(BASE, json=example("fibre-500"))
    assert response.status_code == 201
    return response.json["id"]


@pytest.fixture
def completed(client, demo_pack, worker):
    """The fibre order, fulfilled: its id (it has service and resource orders and a product)."""
    response = client.post(BASE, json=example("fibre-500"))
    worker.run_until_idle()
    return response.json["id"]


def assert_conditional_get(client, url: str) -> None:
    """A strong ETag that names the body; If-None-Match with it (or with *) -> 304 without a body."""
    first = client.get(url)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.startswith('"') and not etag.startswith("W/")
    assert client.get(url).headers["ETag"] == etag
    for header in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        cached = client.get(url, headers={"If-None-Match": header})
        assert cached.status_code == 304 and cached.data == b"" and cached.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    narrowed = client.get(url, query_string={"fields": "id"})
    assert narrowed.headers["ETag"] != etag  # another representation, another tag


def test_a_product_order_get_answers_a_strong_etag_and_304(client, order_id):
    assert_conditional_get(client, f"{BASE}/{order_id}")


def test_service_resource_order_and_product_gets_answer_etags_and_304(client, completed):
    for base in (SERVICE, RESOURCE, PRODUCTS):
        [first] = client.get(base, query_string={"limit": 1}).json
        assert_conditional_get(client, f"{base}/{first['id']}")


def test_catalog_gets_answer_etags_and_304(client, demo_pack):
    for name in ("productOffering", "productSpecification", "productOfferingPrice"):
        [first] = client.get(f"{CATALOG}/{name}", query_string={"limit": 1}).json
        assert_conditional_get(client, f"{CATALOG}/{name}/{first['id']}")


def test_a_patch_needs_if_match_and_refuses_a_stale_one(client, place):
    url = f"{BASE}/{place('sdwan-12-sites')}"  # in flight, waiting for a person: a PATCH revises it
    before = client.get(url).headers["ETag"]
    missing = client.patch(url, json={"description": "one"})
    assert missing.status_code == 428 and missing.json["@type"] == "Error"
    assert "If-Match" in missing.json["message"]
    changed = client.patch(url, json={"description": "one"}, headers={"If-Match": before})
    assert changed.status_code == 200 and changed.headers["ETag"] == client.get(url).headers["ETag"] != before
    stale = client.patch(url, json={"description": "two"}, headers={"If-Match": before})
    assert stale.status_code == 412 and stale.json["@type"] == "Error"
    assert client.get(url).json["description"] == "one"
    assert client.patch(url, json={"description": "two"}, headers={"If-Match": "*"}).status_code == 200


def test_a_delete_needs_if_match_and_refuses_a_stale_one(client, order_id):
    url = f"{BASE}/{order_id}"
    assert client.delete(url).status_code == 428
    assert client.delete(url, headers={"If-Match": '"0123456789abcdef"'}).status_code == 412
    assert client.get(url).json["state"] == "acknowledged"
    assert client.delete(url, headers=if_match(client, order_id)).status_code == 204
    assert client.get(url).json["state"] == "cancelled"


def test_unknown_forbidden_and_invisible_orders_answer_before_the_precondition(secure_client, demo_pack, make_user):
    agent = make_user("agent", "orderAgent")
    auditor = make_user("audit", "auditor")
    eve = make_user("eve", "customer", "cust-9999")
    order_id = secure_client.post(BASE, json=example("fibre-500"), headers=agent.headers).json["id"]
    url = f"{BASE}/{order_id}"
    current = if_match(secure_client, order_id, agent.headers)["If-Match"]
    assert secure_client.patch(url, json={}, headers={"If-Match": current}).status_code == 401
    assert secure_client.patch(url, json={}, headers={**auditor.headers, "If-Match": current}).status_code == 403
    assert secure_client.delete(url, headers={**eve.headers, "If-Match": current}).status_code == 404
    assert secure_client.delete(f"{BASE}/nope", headers=agent.headers).status_code == 404
    assert secure_client.get(url, headers={**eve.headers, "If-None-Match": current}).status_code == 404


def test_catalog_writes_take_a_get_etag_or_a_draft_revision_and_stay_optional(client, demo_pack):
    url = f"{CATALOG}/productOffering/fibre-500"
    read = client.get(url).headers["ETag"]
    assert client.patch(url, json={"description": "one"}, headers={"If-Match": read}).status_code == 200
    assert client.get(url).headers["ETag"] == read  # the published entry reads as published
    draft = client.post(f"{CATALOG}/productOffering", json={"id": "etag-test", "name": "ETag test"})
    assert draft.status_code == 201
    entry = f"{CATALOG}/productOffering/etag-test"
    tag = client.get(entry).headers["ETag"]
    assert client.patch(entry, json={"description": "two"}, headers={"If-Match": tag}).status_code == 200
    stale = client.patch(entry, json={"description": "three"}, headers={"If-Match": tag})
    assert stale.status_code == 412 and stale.json["@type"] == "Error"
    assert client.delete(entry, headers={"If-Match": tag}).status_code == 412
    assert client.patch(entry, json={"description": "three"}).status_code == 200  # the CTK sends no If-Match
    revision = client.patch(entry, json={"description": "four"}).headers["ETag"]
    assert client.delete(entry, headers={"If-Match": revision}).status_code == 204
    assert client.get(entry).status_code == 404
