import copy
import json

import pytest

BASE = "/api/v1/studio"


def new_catalog_version(client, rename: str) -> int:
    created = client.post(f"{BASE}/artifacts/catalog.telco-demo/drafts")
    draft = created.json
    document = copy.deepcopy(draft["document"])
    document["body"]["productOfferings"][0]["name"] = rename
    saved = client.put(f"{BASE}/artifacts/catalog.telco-demo/versions/{draft['version']}", json=document,
                       headers={"If-Match": created.headers["ETag"]})
    assert saved.status_code == 200, saved.json
    assert client.post(f"{BASE}/artifacts/catalog.telco-demo/versions/{draft['version']}/publish").status_code == 200
    return draft["version"]


def create_pack(client, catalog_version: int):
    return client.post(f"{BASE}/packs", json={
        "key": "telco-demo", "title": "demo", "pins": {"catalog.telco-demo": catalog_version},
        "bindings": {"catalog": "catalog.telco-demo"}})


def active_etag(client) -> str:
    return client.get(f"{BASE}/packs/active").headers["ETag"]


def test_a_pack_version_from_published_pins_activate_and_roll_back(client, demo_pack):
    version = new_catalog_version(client, "Fibre 100 (new name)")
    created = create_pack(client, version)
    assert created.status_code == 201 and created.json["version"] == 2
    assert created.json["pins"] == {"catalog.telco-demo": version}
    assert created.headers["ETag"] == client.get(f"{BASE}/packs/telco-demo/2").headers["ETag"]
    activated = client.post(f"{BASE}/packs/telco-demo/2/activate", headers={"If-Match": active_etag(client)})
    assert activated.json["active"] and activated.json["version"] == 2
    assert client.get(f"{BASE}/packs/active").json["version"] == 2
    assert activated.headers["ETag"] == active_etag(client)
    rolled = client.post(f"{BASE}/packs/rollback", headers={"If-Match": activated.headers["ETag"]})
    assert rolled.status_code == 200 and rolled.json["version"] == 1
    assert client.get("/api/v1/health").json["activePack"]["version"] == 1
    actions = [e["action"] for e in client.get("/api/v1/audit?entityType=rulePack").json]
    assert actions[:2] == ["pack.rolled_back", "pack.activated"]


def test_activate_and_rollback_need_the_etag_of_the_active_pack(client, demo_pack):
    create_pack(client, new_catalog_version(client, "Renamed"))
    seen = active_etag(client)
    assert client.post(f"{BASE}/packs/telco-demo/2/activate").status_code == 428
    assert client.post(f"{BASE}/packs/rollback").status_code == 428
    assert client.post(f"{BASE}/packs/telco-demo/2/activate", headers={"If-Match": seen}).status_code == 200
    stale = client.post(f"{BASE}/packs/rollback", headers={"If-Match": seen})
    assert stale.status_code == 412 and client.get(f"{BASE}/packs/active").json["version"] == 2
    assert client.post(f"{BASE}/packs/telco-demo/1/activate", headers={"If-Match": seen}).status_code == 412
    activations = "/api/v1/audit?entityType=rulePack&action=pack.activated"
    before = client.get(activations).headers["X-Total-Count"]
    again = client.post(f"{BASE}/packs/telco-demo/2/activate", headers={"If-Match": active_etag(client)})
    assert again.status_code == 200 and again.headers["ETag"] == active_etag(client)
    assert client.get(activations).headers["X-Total-Count"] == before  # the active pack again: no change


def test_the_first_activation_needs_no_if_match(client, runtime):
    from studio.packs import import_pack, read_pack_folder
    from tests.conftest import DEMO_PACK

    with runtime.unit_of_work(actor="test") as uow:
        import_pack(uow, read_pack_folder(DEMO_PACK))
    assert client.get(f"{BASE}/packs/active").status_code == 404
    assert client.post(f"{BASE}/packs/telco-demo/1/activate", headers={"If-Match": '"x"'}).status_code == 412
    assert client.post(f"{BASE}/packs/telco-demo/1/activate").status_code == 200


def test_a_pack_get_carries_an_etag_and_answers_304(client, demo_pack):
    first = client.get(f"{BASE}/packs/telco-demo/1")
    assert client.get(f"{BASE}/packs/telco-demo/1", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    active = client.get(f"{BASE}/packs/active")
    assert client.get(f"{BASE}/packs/active", headers={"If-None-Match": active.headers["ETag"]}).status_code == 304


def test_the_pack_list_pages_sorts_filters_and_shows_only_its_members(client, demo_pack):
    create_pack(client, new_catalog_version(client, "Renamed"))
    listing = client.get(f"{BASE}/packs?sort=-version&limit=1")
    assert [(p["key"], p["version"], p["active"]) for p in listing.json] == [("telco-demo", 2, False)]
    assert (listing.headers["X-Total-Count"], listing.headers["X-Result-Count"]) == ("2", "1")
    assert set(listing.json[0]) == {"key", "version", "title", "status", "active", "contentHash", "bindings",
                                    "createdBy", "createdAt", "pins", "href"}
    assert listing.json[0]["pins"]["catalog.telco-demo"] == 2
    assert client.get(f"{BASE}/packs?key=other").headers["X-Total-Count"] == "0"
    assert client.get(f"{BASE}/packs?sort=pins").status_code == 400


def test_a_pack_pinning_a_draft_or_a_missing_version_is_refused_with_every_problem(client, demo_pack):
    client.post(f"{BASE}/artifacts/catalog.telco-demo/drafts")
    response = client.post(f"{BASE}/packs", json={
        "key": "telco-demo", "pins": {"catalog.telco-demo": 2, "pricing.nope": 1},
        "bindings": {"catalog": "catalog.telco-demo", "approval": "approval.missing"}})
    assert response.status_code == 422
    codes = {(e["pointer"], e["code"]) for e in response.json["errors"]}
    assert ("/pins/catalog.telco-demo", "not_published") in codes
    assert ("/pins/pricing.nope", "not_found") in codes
    assert any(pointer == "/bindings/approval" for pointer, _ in codes)
    assert len(client.get(f"{BASE}/packs").json) == 1


def test_rollback_with_nothing_to_go_back_to_is_a_409(client, demo_pack):
    assert client.post(f"{BASE}/packs/rollback", headers={"If-Match": active_etag(client)}).status_code == 409


def test_a_published_version_pinned_by_the_active_pack_cannot_be_retired(client, demo_pack):
    response = client.post(f"{BASE}/artifacts/catalog.telco-demo/versions/1/retire")
    assert response.status_code == 409 and "active rule pack" in response.json["detail"]


def test_pack_diff_names_changed_artifacts(client, demo_pack):
    create_pack(client, new_catalog_version(client, "Renamed"))
    diff = client.get(f"{BASE}/packs/telco-demo/diff?from=1&to=2").json
    assert [c["artifact"] for c in diff["changed"]] == ["catalog.telco-demo"]
    assert diff["changed"][0]["diff"]["changes"][0]["new"] == "Renamed"


def test_orders_keep_their_pack_after_activation_of_another(client, demo_pack, worker):
    placed = client.post("/tmf-api/productOrderingManagement/v4/productOrder", json={
        "productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": "fibre-100"}}]})
    assert placed.status_code == 201
    create_pack(client, new_catalog_version(client, "Fibre 100 renamed"))
    client.post(f"{BASE}/packs/telco-demo/2/activate", headers={"If-Match": active_etag(client)})
    worker.run_until_idle()
    products = client.get("/tmf-api/productInventory/v4/product").json
    assert [p["name"] for p in products] == ["Fibre Broadband 100M"]


def test_a_new_version_from_the_active_pack_with_changed_pins_and_a_title(client, demo_pack):
    version = new_catalog_version(client, "Fibre 100 (renamed)")
    shipped = client.get(f"{BASE}/packs/active").json
    created = client.post(f"{BASE}/packs/telco-demo/versions", json={
        "from": "active", "pins": {"catalog.telco-demo": version}, "title": "renamed fibre"})
    assert created.status_code == 201, created.json
    assert (created.json["version"], created.json["title"], created.json["active"]) == (2, "renamed fibre", False)
    assert created.json["pins"] == {**shipped["pins"], "catalog.telco-demo": version}
    assert created.json["bindings"] == shipped["bindings"]
    same = client.post(f"{BASE}/packs/telco-demo/versions", json={"from": 1, "pins": {"catalog.telco-demo": version},
                                                                  "title": "again"})
    assert same.status_code == 200 and same.json["version"] == 2
    unchanged = client.post(f"{BASE}/packs/telco-demo/versions", json={"title": "nothing changed"})
    assert unchanged.status_code == 200 and unchanged.json["version"] == 1


@pytest.mark.parametrize("body, status, where", [
    ({"pins": {}}, 422, "/title"),
    ({"title": " "}, 422, "/title"),
    ({"title": "t", "from": "newest"}, 422, "/from"),
    ({"title": "t", "pins": {"catalog.telco-demo": 0}}, 422, "/pins/catalog.telco-demo"),
    ({"title": "t", "pins": {"catalog.telco-demo": True}}, 422, "/pins/catalog.telco-demo"),
    ({"title": "t", "pins": []}, 422, "/pins"),
    ({"title": "t", "pins": {"catalog.telco-demo": 9}}, 422, "/pins/catalog.telco-demo"),
    ({"title": "t", "from": 5}, 404, None),
])
def test_a_bad_new_version_request_says_what_and_where(client, demo_pack, body, status, where):
    response = client.post(f"{BASE}/packs/telco-demo/versions", json=body)
    assert response.status_code == status and response.mimetype == "application/problem+json"
    if where:
        assert where in json.dumps(response.json)
    assert client.get(f"{BASE}/packs").json[-1]["version"] == 1


def test_a_new_version_from_the_active_pack_of_another_key_is_a_conflict(client, demo_pack):
    response = client.post(f"{BASE}/packs/other/versions", json={"title": "t"})
    assert response.status_code == 409 and "telco-demo@1" in response.json["detail"]
