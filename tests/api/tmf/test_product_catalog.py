"""TMF620 writes: POST / PATCH / DELETE edit the catalog's (or price list's) draft, never published content."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.artifacts import publish
from studio.packs import activate, republish_latest

BASE = "/tmf-api/productCatalogManagement/v4"
CATALOG = "catalog.telco-demo"


def _draft(client, key=CATALOG):
    versions = client.get(f"/api/v1/studio/artifacts/{key}/versions").json
    drafts = [v for v in versions if v["status"] == "draft"]
    return client.get(drafts[0]["href"]).json if drafts else None


def test_post_creates_the_entity_in_a_new_draft_and_reads_it_back(client, demo_pack):
    published = client.get(f"{BASE}/productOffering").json
    created = client.post(f"{BASE}/productOffering", json={
        "name": "Fibre 1G", "productSpecification": {"id": "spec-fibre-access", "href": "x", "version": "1"},
        "category": [{"id": "broadband"}], "@type": "ProductOffering"})
    assert created.status_code == 201, created.json
    offering = created.json
    assert offering["lifecycleStatus"] == "In Design" and offering["lastUpdate"].endswith("Z")
    assert offering["href"] == f"{BASE}/productOffering/{offering['id']}" == created.headers["Location"]
    assert offering["productSpecification"]["href"].endswith("/spec-fibre-access")
    draft = _draft(client)
    assert created.headers["ETag"] == f'"{draft["revision"]}"' and offering["version"] == str(draft["version"])
    stored = draft["document"]["body"]["productOfferings"][-1]
    assert stored == {"id": offering["id"], "name": "Fibre 1G", "lifecycleStatus": "In Design",
                      "productSpecification": {"id": "spec-fibre-access"}, "category": ["broadband"]}
    assert client.get(f"{BASE}/productOffering/{offering['id']}").json == offering
    assert offering in client.get(f"{BASE}/productOffering?lastUpdate={offering['lastUpdate']}").json
    assert len(client.get(f"{BASE}/productOffering").json) == len(published) + 1


def test_patch_changes_only_the_draft_until_it_is_published_and_pinned(client, demo_pack, runtime):
    before = client.get(f"{BASE}/productOffering/fibre-500").json
    patched = client.patch(f"{BASE}/productOffering/fibre-500", json={"name": "Fibre 500 (new)",
                                                                      "description": None})
    assert patched.status_code == 200 and patched.json["name"] == "Fibre 500 (new)"
    assert "description" not in patched.json
    assert client.get(f"{BASE}/productOffering/fibre-500").json == before
    draft = _draft(client)

    with runtime.unit_of_work(actor="publisher") as uow:
        publish(uow, CATALOG, draft["version"])
    assert client.get(f"{BASE}/productOffering/fibre-500").json == before  # still the pinned version
    with runtime.unit_of_work(actor="publisher") as uow:
        activate(uow, republish_latest(uow, "telco-demo"))
    live = client.get(f"{BASE}/productOffering/fibre-500").json
    assert live["name"] == "Fibre 500 (new)" and live["version"] == str(draft["version"])
    assert "description" not in live


def test_patch_is_a_json_merge_patch_and_the_result_is_checked(client, demo_pack):
    patched = client.patch(f"{BASE}/productOffering/fibre-500", json={
        "validFor": {"endDateTime": "2030-01-01T00:00:00Z"}, "category": [{"id": "fibre"}]})
    assert patched.status_code == 200, patched.json
    assert patched.json["validFor"] == {"startDateTime": "2024-01-01T00:00:00Z", "endDateTime": "2030-01-01T00:00:00Z"}
    assert [c["id"] for c in patched.json["category"]] == ["fibre"]
    refused = client.patch(f"{BASE}/productOffering/fibre-500", json={"validFor": {"endDateTime": 5}})
    assert refused.status_code == 422 and refused.json["details"][0]["pointer"] == "/validFor/endDateTime"
    entry = next(o for o in _draft(client)["document"]["body"]["productOfferings"] if o["id"] == "fibre-500")
    assert entry["validFor"]["endDateTime"] == "2030-01-01T00:00:00Z"  # the refused patch stored nothing


def test_delete_removes_from_the_draft_and_publish_checks_the_result(client, demo_pack):
    assert client.delete(f"{BASE}/productOffering/adsl-legacy").status_code == 204
    assert client.get(f"{BASE}/productOffering/adsl-legacy").status_code == 200  # published, still live
    draft = _draft(client)
    assert "adsl-legacy" not in [o["id"] for o in draft["document"]["body"]["productOfferings"]]
    refused = client.post(f"{draft['href']}/publish")
    assert refused.status_code == 422  # the catalog's own test expects adsl-legacy
    assert any(e["code"] == "test_failed" and "ADSL" in e["message"] for e in refused.json["errors"])


def test_writes_are_audited_with_the_actor(secure_client, demo_pack, make_user):
    admin = make_user("ada", "processAdmin")
    created = secure_client.post(f"{BASE}/productSpecification", json={"name": "Spec"}, headers=admin.headers)
    assert created.status_code == 201
    events = secure_client.get("/api/v1/audit?actor=ada", headers=admin.headers).json
    assert {(e["action"], e["entityType"], e["entityId"]) for e in events} >= {
        ("entry.created", "productSpecification", created.json["id"]),
        ("artifact.draft_created", "artifact", f"{CATALOG}@2"), ("artifact.draft_saved", "artifact", f"{CATALOG}@2")}


def test_specifications_and_prices_round_trip_through_tmf_names(client, demo_pack):
    spec = client.post(f"{BASE}/productSpecification", json={"name": "Cisco Firepower NGFW"})
    assert spec.status_code == 201 and spec.json["lifecycleStatus"] == "In Design"
    assert client.get(f"{BASE}/productSpecification?name=Cisco Firepower NGFW").json[0]["id"] == spec.json["id"]

    price = client.post(f"{BASE}/productOfferingPrice", json={
        "name": "Fibre 1G monthly", "isBundle": False, "priceType": "recurring",
        "recurringChargePeriodType": "month", "price": {"unit": "EUR", "value": 59.9},
        "productOffering": {"id": "fibre-500"}})
    assert price.status_code == 201, price.json
    assert price.json["price"] == {"unit": "EUR", "value": 59.9}
    assert price.json["recurringChargePeriodType"] == "month"
    assert price.json["productOffering"]["href"].endswith("/productOffering/fibre-500")
    stored = _draft(client, "prices.eur")["document"]["body"]["prices"][-1]
    assert stored == {"id": price.json["id"], "name": "Fibre 1G monthly", "priceType": "recurring",
                      "recurringChargePeriod": "month", "amount": "59.9", "currency": "EUR",
                      "productOffering": "fibre-500"}
    assert client.get(f"{BASE}/productOfferingPrice?priceType=recurring&id={price.json['id']}").json
    published = client.get(f"{BASE}/productOfferingPrice/fibre-500-mrc").json
    assert published["lifecycleStatus"] == "Active" and published["price"]["unit"] == "EUR"
    renamed = client.patch(f"{BASE}/productOfferingPrice/{price.json['id']}", json={"name": "Renamed"})
    assert renamed.json["name"] == "Renamed" and renamed.json["price"]["value"] == 59.9
    assert client.delete(f"{BASE}/productOfferingPrice/{price.json['id']}").status_code == 204
    assert client.get(f"{BASE}/productOfferingPrice/{price.json['id']}").status_code == 404


def test_bad_input_is_refused_with_pointers_and_nothing_is_stored(client, demo_pack):
    cases = [
        ("productOffering", {"productSpecification": {"id": "x"}}, 422, "/name"),
        ("productOffering", {"name": "x", "channel": [{"id": "web"}]}, 422, "/channel"),
        ("productOffering", {"name": "x", "isSellable": "yes"}, 422, "/isSellable"),
        ("productOffering", {"name": "x", "id": "no spaces"}, 422, "/id"),
        ("productSpecification", {"name": "x", "isBundle": True}, 422, "/isBundle"),
        ("productOfferingPrice", {"name": "x", "priceType": "weekly"}, 422, "/priceType"),
        ("productOfferingPrice", {"name": "x", "price": {"value": "lots"}}, 422, "/price/value"),
    ]
    for resource, body, status, pointer in cases:
        response = client.post(f"{BASE}/{resource}", json=body)
        assert response.status_code == status, (resource, body, response.json)
        assert response.json["@type"] == "Error"
        assert pointer in [d["pointer"] for d in response.json["details"]], (body, response.json)
    not_json = client.post(f"{BASE}/productOffering", data="[1]", content_type="application/json")
    assert not_json.status_code == 400 and not_json.json["@type"] == "Error"
    assert client.patch(f"{BASE}/productOffering/fibre-500", json={"id": "other"}).status_code == 422
    assert _draft(client) is None and _draft(client, "prices.eur") is None


def test_unknown_ids_answer_404_and_a_taken_id_409(client, demo_pack):
    for method in ("patch", "delete"):
        response = getattr(client, method)(f"{BASE}/productSpecification/nope", json={"name": "x"})
        assert response.status_code == 404 and response.json["@type"] == "Error"
    taken = client.post(f"{BASE}/productOffering", json={"id": "fibre-500", "name": "again"})
    assert taken.status_code == 409


def test_if_match_with_a_draft_revision_guards_against_lost_updates(client, demo_pack):
    first = client.patch(f"{BASE}/productOffering/fibre-500", json={"name": "one"})
    revision = first.headers["ETag"]
    second = client.patch(f"{BASE}/productOffering/fibre-500", json={"name": "two"},
                          headers={"If-Match": revision})
    assert second.status_code == 200
    stale = client.patch(f"{BASE}/productOffering/fibre-500", json={"name": "three"},
                         headers={"If-Match": revision})
    assert stale.status_code == 412 and stale.json["@type"] == "Error"
    assert client.patch(f"{BASE}/productOffering/fibre-500", json={"name": "x"},
                        headers={"If-Match": "abc"}).status_code == 400
    assert client.get(f"{BASE}/productOffering/fibre-500").json["name"] == "Fibre Broadband 500M"


def test_writes_need_studio_edit_and_drafts_stay_hidden_from_order_roles(secure_client, demo_pack, make_user):
    agent, admin = make_user("agent", "orderAgent"), make_user("admin", "processAdmin")
    for method, path in (("post", "productOffering"), ("patch", "productOffering/fibre-500"),
                         ("delete", "productOffering/fibre-500"), ("post", "productOfferingPrice")):
        response = getattr(secure_client, method)(f"{BASE}/{path}", json={"name": "x"}, headers=agent.headers)
        assert response.status_code == 403 and "studio.edit" in response.json["message"]
    created = secure_client.post(f"{BASE}/productSpecification", json={"name": "New"}, headers=admin.headers)
    assert created.status_code == 201
    path = f"{BASE}/productSpecification/{created.json['id']}"
    assert secure_client.get(path, headers=admin.headers).status_code == 200
    assert secure_client.get(path, headers=agent.headers).status_code == 404


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=8)
FIELDS = st.sampled_from(["id", "name", "price", "productSpecification", "category", "isBundle", "priceType",
                          "lifecycleStatus", "validFor", "unitOfMeasure", "recurringChargePeriodLength",
                          "productOffering", "bundledProductOffering", "productSpecCharacteristic", "href"])
BODIES = st.dictionaries(FIELDS, JSON, max_size=5) | JSON


@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(resource=st.sampled_from(["productOffering", "productSpecification", "productOfferingPrice"]),
       method=st.sampled_from(["post", "patch"]), body=BODIES)
def test_any_body_gets_an_answer_not_a_server_error(client, demo_pack, resource, method, body):
    url = f"{BASE}/{resource}" + ("/fibre-500" if resource == "productOffering" and method == "patch" else
                                  "/spec-fibre-access" if method == "patch" and resource != "productOfferingPrice"
                                  else "/fibre-500-mrc" if method == "patch" else "")
    response = getattr(client, method)(url, json=body)
    assert response.status_code < 500, (response.status_code, response.json)
    assert response.status_code in (200, 201, 400, 404, 409, 422)
    assert client.get(f"{BASE}/productOffering/fibre-500").json["name"] == "Fibre Broadband 500M"
