"""The two-step TMF lists of api.tmf.listing: a page asking for id, href and @type only reads no row at all."""
from __future__ import annotations

import pytest

from api.tmf.listing import wanted_attributes
from tests.rulepacks.telco_demo_driver import BASE, PRODUCTS, example

SERVICE = "/tmf-api/serviceOrdering/v4/serviceOrder"
RESOURCE = "/tmf-api/resourceOrderingManagement/v4/resourceOrder"
CANCEL = "/tmf-api/productOrderingManagement/v4/cancelProductOrder"


def test_the_attributes_a_page_reads():
    assert wanted_attributes(None, ["state"]) is None
    assert wanted_attributes("state, note", ["productOrderItem.productOffering.id"]) == {
        "id", "href", "@type", "state", "note", "productOrderItem"}


@pytest.fixture
def fulfilled(client, demo_pack, worker):
    order_id = client.post(BASE, json=example("fibre-500")).json["id"]
    worker.run_until_idle()
    withdrawn = client.post(BASE, json=example("sdwan-500-sites")).json["id"]
    assert client.post(CANCEL, json={"productOrder": {"id": withdrawn}}).status_code == 201
    return order_id


@pytest.mark.parametrize("base", [SERVICE, RESOURCE, PRODUCTS, CANCEL])
def test_fields_id_reads_only_the_ids_of_the_page(client, fulfilled, statements, base):
    everything = client.get(base).json
    assert everything
    statements.clear()
    response = client.get(base, query_string={"fields": "id"})
    assert response.json == [{key: body[key] for key in ("id", "href", "@type")} for body in everything]
    assert {name for _, _, names in statements for name in names} <= {"id", "count", "count_1"}


@pytest.mark.parametrize(("base", "items"), [(SERVICE, "serviceOrderItem"), (RESOURCE, "orderItem")])
def test_domain_orders_read_the_order_items_only_for_their_item_list(client, fulfilled, statements, base, items):
    statements.clear()
    listed = client.get(base, query_string={"fields": "state,externalReference"}).json
    assert listed and all(items not in body and body["state"] for body in listed)
    assert not [sql for sql, _, _ in statements if "from order_items" in sql]
    assert "payload" not in {name for _, _, names in statements for name in names}
    full = client.get(base).json
    assert all(body[items] for body in full) and full == [client.get(f"{base}/{b['id']}").json for b in full]
