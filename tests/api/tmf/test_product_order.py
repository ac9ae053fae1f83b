import copy
import json

import pytest

from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
EXAMPLE = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())


def order_for(*offerings, **extra):
    """The demo pack's unattended fibre order, with one item per offering (characteristics from defaults)."""
    order = {key: value for key, value in copy.deepcopy(EXAMPLE).items() if key != "externalId"}
    template = order["productOrderItem"][0]
    order["productOrderItem"] = []
    for n, offering in enumerate(offerings, start=1):
        item = copy.deepcopy(template)
        item.update(id=str(n), productOffering={"id": offering})
        if offering != "fibre-500":
            item["product"]["productCharacteristic"] = []
        order["productOrderItem"].append(item)
    return {**order, **extra}


@pytest.fixture
def placed(client, demo_pack):
    def place(*offerings, **extra):
        response = client.post(BASE, json=order_for(*offerings, **extra))
        assert response.status_code == 201, response.json
        return response.json
    return place


def test_post_answers_201_acknowledged_with_id_href_orderdate_and_items(client, placed, clock):
    body = placed("fibre-500", externalId="ext-1")
    assert body["state"] == "acknowledged"
    assert body["href"] == f"{BASE}/{body['id']}"
    assert body["orderDate"] == "2026-01-01T09:00:00.000Z"
    assert body["externalId"] == "ext-1"
    assert [(i["id"], i["state"], i["productOffering"]["id"]) for i in body["productOrderItem"]] == [
        ("1", "acknowledged", "fibre-500")]


def test_location_header_points_at_the_new_order(client, demo_pack):
    response = client.post(BASE, json=order_for("fibre-500"))
    assert response.headers["Location"].endswith(response.json["id"])


def test_the_worker_completes_the_order_and_an_active_product_can_be_read(client, placed, worker):
    order = placed("fibre-500")
    worker.run_until_idle()
    done = client.get(f"{BASE}/{order['id']}").json
    assert done["state"] == "completed" and done["completionDate"]
    assert [i["state"] for i in done["productOrderItem"]] == ["completed"]
    products = client.get("/tmf-api/productInventory/v4/product").json
    assert len(products) == 1
    product = client.get(f"/tmf-api/productInventory/v4/product/{products[0]['id']}").json
    assert product["status"] == "active"
    assert product["productOffering"]["id"] == "fibre-500"
    assert product["name"] == "Fibre Broadband 500M"
    assert product["productOrderItem"][0] == {
        "orderItemId": "1", "productOrderId": order["id"], "productOrderHref": order["href"],
        "orderItemAction": "add", "@referredType": "ProductOrderItem"}


def test_an_unknown_offering_ends_rejected_with_the_reason(client, placed, worker):
    order = placed("fibre-500", "fibre-10g")
    worker.run_until_idle()
    done = client.get(f"{BASE}/{order['id']}").json
    assert done["state"] == "rejected"
    assert {i["state"] for i in done["productOrderItem"]} == {"rejected"}
    assert "fibre-10g" in done["note"][-1]["text"]
    assert client.get("/tmf-api/productInventory/v4/product").json == []


@pytest.mark.parametrize("payload,pointer", [
    ({"description": "no items"}, ""),
    ({"productOrderItem": [{"id": "1"}]}, "/productOrderItem/0"),
    ({"productOrderItem": [{"id": "1", "action": "explode"}]}, "/productOrderItem/0/action"),
    ({"productOrderItem": "not a list"}, "/productOrderItem"),
    ([1, 2, 3], None),
])
def test_a_payload_that_is_not_a_product_order_gets_a_400_tmf_error(client, demo_pack, payload, pointer):
    response = client.post(BASE, json=payload)
    assert response.status_code == 400
    assert response.json["@type"] == "Error" and response.json["code"] == "400"
    if pointer is not None:
        assert pointer in [d["pointer"] for d in response.json["details"]]
    assert client.get(BASE).headers["X-Total-Count"] == "0"


def test_a_body_that_is_not_json_gets_a_400(client, demo_pack):
    response = client.post(BASE, data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.json["reason"] == "Bad Request"


def test_without_an_active_pack_capture_answers_503_and_stores_nothing(client):
    response = client.post(BASE, json=order_for("fibre-500"))
    assert response.status_code == 503 and "ordo pack seed" in response.json["message"]
    assert client.get(BASE).json == []


def test_get_unknown_order_is_a_404_tmf_error(client):
    response = client.get(f"{BASE}/nope")
    assert response.status_code == 404 and response.json["@type"] == "Error"


def test_list_pages_with_offset_limit_and_counts(client, placed, clock):
    ids = []
    for _ in range(5):
        ids.append(placed("fibre-500")["id"])
        clock.advance(seconds=1)
    page = client.get(f"{BASE}?offset=1&limit=2")
    assert page.headers["X-Total-Count"] == "5" and page.headers["X-Result-Count"] == "2"
    assert [o["id"] for o in page.json] == [ids[3], ids[2]]


def test_list_filters_by_state_and_selects_fields(client, placed, worker):
    placed("fibre-500")
    worker.run_until_idle()
    placed("fibre-100")
    completed = client.get(f"{BASE}?state=completed&fields=state")
    assert completed.headers["X-Total-Count"] == "1"
    assert set(completed.json[0]) == {"id", "href", "@type", "state", "productOrderItem"}  # required by TMF622


def test_bad_paging_gets_a_400(client):
    assert client.get(f"{BASE}?limit=abc").status_code == 400
    assert client.get(f"{BASE}?offset=-1").status_code == 400


def test_the_trace_says_why(client, placed, worker):
    order = placed("fibre-500")
    worker.run_until_idle()
    trace = client.get(f"/api/v1/orders/{order['id']}/trace").json
    assert (trace[0]["stage"], trace[0]["artifact"], trace[0]["version"]) == ("capture", "catalog.telco-demo", 1)
    stages = [e["stage"] for e in trace]
    order_of_first = sorted(set(stages), key=stages.index)
    assert order_of_first[:4] == ["capture", "enrich", "price", "approve"]
    assert {"decompose", "complete"} <= set(stages)
    priced = [e for e in trace if e["stage"] == "price" and e["artifact"] == "prices.fibre-matrix"]
    assert priced, "the monthly price should come from the bandwidth x term x region matrix"
    assert client.get("/api/v1/orders/nope/trace").status_code == 404
    assert client.get("/api/v1/orders/nope/trace").mimetype == "application/problem+json"
