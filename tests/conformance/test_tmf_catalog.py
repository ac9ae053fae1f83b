"""TMF620 read endpoints: the active pack's catalog as productOffering / productSpecification."""
from __future__ import annotations

BASE = "/tmf-api/productCatalogManagement/v4"


def test_offerings_list_in_tmf620_shape_with_paging_filtering_and_fields(client, demo_pack):
    response = client.get(f"{BASE}/productOffering")
    assert response.status_code == 200
    offerings = response.json
    assert len(offerings) == int(response.headers["X-Total-Count"]) >= 5
    fibre = next(o for o in offerings if o["id"] == "fibre-500")
    assert fibre["href"] == f"{BASE}/productOffering/fibre-500" and fibre["@type"] == "ProductOffering"
    assert fibre["productSpecification"] == {"id": "spec-fibre-access", "@referredType": "ProductSpecification",
                                             "href": f"{BASE}/productSpecification/spec-fibre-access"}
    assert {"id": "broadband", "name": "broadband", "@referredType": "Category"} in fibre["category"]
    assert fibre["isBundle"] is False and fibre["lifecycleStatus"] == "Launched"
    assert fibre["version"] and fibre["lastUpdate"].endswith("Z")
    bundle = next(o for o in offerings if o.get("isBundle"))
    assert all(b["href"].startswith(f"{BASE}/productOffering/") for b in bundle["bundledProductOffering"])

    unsellable = client.get(f"{BASE}/productOffering?isSellable=false&fields=name")
    assert unsellable.json and all(set(o) == {"id", "href", "@type", "name"} for o in unsellable.json)
    assert [o["id"] for o in client.get(f"{BASE}/productOffering?category.id=voice").json] == ["voip-line"]
    page = client.get(f"{BASE}/productOffering?offset=1&limit=2")
    assert [o["id"] for o in page.json] == [o["id"] for o in offerings[1:3]]
    assert page.headers["X-Total-Count"] == str(len(offerings)) and page.headers["X-Result-Count"] == "2"


def test_one_offering_and_one_specification_by_id_and_404s(client, demo_pack):
    assert client.get(f"{BASE}/productOffering/fibre-500").json["name"] == "Fibre Broadband 500M"
    spec = client.get(f"{BASE}/productSpecification/spec-fibre-access").json
    assert spec["@type"] == "ProductSpecification" and spec["href"].endswith("/spec-fibre-access")
    assert spec["lifecycleStatus"] == "Active" and spec["version"] and spec["lastUpdate"]
    assert [c["name"] for c in spec["productSpecCharacteristic"]][:2] == ["bandwidth", "term"]
    assert client.get(f"{BASE}/productSpecification?id=spec-fibre-access").headers["X-Total-Count"] == "1"
    for path in ("productOffering/nope", "productSpecification/nope"):
        missing = client.get(f"{BASE}/{path}")
        assert missing.status_code == 404 and missing.json["@type"] == "Error"


def test_without_an_active_pack_the_catalog_answers_503(client):
    response = client.get(f"{BASE}/productOffering")
    assert response.status_code == 503 and "no rule pack is active" in response.json["message"]


def test_the_catalog_needs_credentials_when_auth_is_required(secure_client, demo_pack, make_user):
    assert secure_client.get(f"{BASE}/productOffering").status_code == 401
    agent = make_user("agent", "orderAgent")
    assert secure_client.get(f"{BASE}/productOffering", headers=agent.headers).status_code == 200
