"""The TMF622 productOrder list reads only what it shows (api.tmf.product_order_list), asserted on the SQL."""
from __future__ import annotations

import pytest

from api.serializers.product_order import select_fields
from tests.rulepacks.telco_demo_driver import BASE, example


@pytest.fixture
def orders(client, demo_pack, worker):
    """Three priced orders, newest first: an SD-WAN order of 12 sites, fibre with router and static IP, fibre."""
    ids = []
    for name in ("fibre-500", "fibre-router-static-ip", "sdwan-12-sites"):
        response = client.post(BASE, json={**example(name), "note": [{"text": f"placed {name}"}]})
        assert response.status_code == 201, response.json
        ids.insert(0, response.json["id"])
        worker.run_until_idle()
        client.application.extensions["ordo"].clock.advance(minutes=1)
    return ids


def test_fields_id_reads_the_ids_type_and_items_of_the_page_only(client, orders, statements):
    statements.clear()
    response = client.get(f"{BASE}?fields=id&limit=2")
    assert response.status_code == 200
    assert [{key: body[key] for key in ("id", "href", "@type")} for body in response.json] == [
        {"id": order_id, "href": f"{BASE}/{order_id}", "@type": "ProductOrder"} for order_id in orders[:2]]
    assert all(set(body) == {"id", "href", "@type", "productOrderItem"} for body in response.json)  # TMF622 requires
    assert response.headers["X-Total-Count"] == "3" and response.headers["X-Result-Count"] == "2"
    order_reads = {name for sql, _, names in statements if "from customer_orders" in sql for name in names}
    assert order_reads <= {"id", "type", "item_prices", "count", "count_1"}, order_reads
    item_reads = [parameters for sql, parameters, _ in statements if "from order_items" in sql]
    assert len(item_reads) == 1 and orders[2] not in item_reads[0]


def test_fields_reads_the_columns_of_the_attributes_asked_for(client, orders, statements):
    statements.clear()
    response = client.get(f"{BASE}?fields=state,orderTotalPrice")
    assert response.status_code == 200 and all(
        set(body) <= {"id", "href", "@type", "state", "orderTotalPrice", "productOrderItem"} for body in response.json)
    read = {name for sql, _, names in statements if "from customer_orders" in sql for name in names}
    assert read <= {"id", "type", "state", "total", "item_prices", "count", "count_1"}, read


def test_a_page_reads_the_items_of_its_own_orders_only(client, orders, statements):
    statements.clear()
    response = client.get(f"{BASE}?limit=1&offset=1")
    assert [body["id"] for body in response.json] == [orders[1]]
    item_reads = [parameters for sql, parameters, _ in statements if "from order_items" in sql]
    assert len(item_reads) == 1 and orders[1] in item_reads[0]
    assert orders[0] not in item_reads[0] and orders[2] not in item_reads[0]
    order_reads = {name for sql, _, names in statements if "from customer_orders" in sql for name in names}
    assert "body" in order_reads and "payload" not in order_reads  # the client's body without its copy of the items


def test_the_list_shows_each_order_as_its_get_does(client, orders):
    listed = client.get(BASE).json
    assert [body["id"] for body in listed] == orders
    for body in listed:
        assert body == client.get(f"{BASE}/{body['id']}").json
        assert body["productOrderItem"] and body["orderTotalPrice"] and body["note"]
    fields = "state,productOrderItem,externalId,note"
    assert client.get(f"{BASE}?fields={fields}").json == [
        select_fields(client.get(f"{BASE}/{order_id}").json, fields) for order_id in orders]


def test_filters_on_attributes_outside_the_columns_still_apply_before_paging(client, orders):
    fibre = client.get(f"{BASE}?fields=id&productOrderItem.productOffering.id=fibre-500")
    assert [body["id"] for body in fibre.json] == orders[1:] and fibre.headers["X-Total-Count"] == "2"
    page = client.get(f"{BASE}?fields=state&limit=1&offset=1&productOrderItem.productOffering.id=fibre-500")
    assert [body["id"] for body in page.json] == orders[2:] and set(page.json[0]) == {
        "id", "href", "@type", "state", "productOrderItem"}
    assert page.headers["X-Total-Count"] == "2"
    assert [body["id"] for body in client.get(f"{BASE}?fields=id&externalId=demo-fibre-static-ip").json] == [
        orders[1]]
