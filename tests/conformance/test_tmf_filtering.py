"""TMF attribute filtering (any attribute the representation emits) and the attributes the CTKs require."""
from __future__ import annotations

import copy
import json

import pytest

from api.tmf.filtering import attribute_filters, matches
from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
PRODUCTS = "/tmf-api/productInventory/v4/product"
EXAMPLE = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())


@pytest.mark.parametrize(("path", "expected", "result"), [
    ("state", "completed", True),
    ("state", "Completed", False),
    ("relatedParty.id", "p2", True),
    ("relatedParty.id", "p3", False),
    ("productOffering.id", "fibre-500", True),
    ("isBundle", "false", True),
    ("isBundle", "true", False),
    ("quantity", "2", True),
    ("quantity", "2.0", True),
    ("quantity", "two", False),
    ("nothing", "x", False),
    ("state.deeper", "x", False),
    ("productOffering", "fibre-500", False),
])
def test_matches_a_dotted_attribute_of_the_representation(path, expected, result):
    body = {"state": "completed", "relatedParty": [{"id": "p1"}, {"id": "p2"}],
            "productOffering": {"id": "fibre-500"}, "isBundle": False, "quantity": 2}
    assert matches(body, path, expected) is result


def test_paging_and_selection_parameters_are_not_filters():
    assert attribute_filters({"fields": "id", "offset": "1", "limit": "2", "sort": "x", "state": "completed"}) == {
        "state": "completed"}


@pytest.fixture
def completed(client, demo_pack, worker, clock):
    """Two completed demo orders a second apart, the second with a billing account."""
    orders = []
    for n in range(2):
        body = copy.deepcopy(EXAMPLE) | {"externalId": f"ext-{n}"}
        if n:
            body["billingAccount"] = {"id": "ba-1", "@referredType": "BillingAccount"}
        response = client.post(ORDERS, json=body)
        assert response.status_code == 201, response.json
        orders.append(response.json)
        clock.advance(seconds=1)
    worker.run_until_idle()
    return orders


def test_orders_filter_by_id_and_by_order_date(client, completed):
    first, second = completed
    by_id = client.get(f"{ORDERS}?id={first['id']}")
    assert [o["id"] for o in by_id.json] == [first["id"]] and by_id.headers["X-Total-Count"] == "1"
    by_date = client.get(ORDERS, query_string={"orderDate": second["orderDate"]})
    assert [o["id"] for o in by_date.json] == [second["id"]]


def test_orders_filter_by_nested_attributes_and_page_the_matches(client, completed):
    first, second = completed
    both = client.get(f"{ORDERS}?relatedParty.id=cust-0042&state=completed&limit=1&offset=1&fields=state")
    assert both.headers["X-Total-Count"] == "2" and both.headers["X-Result-Count"] == "1"
    [found] = both.json  # fields= keeps what TMF622 requires of a ProductOrder (productOrderItem too)
    assert {key: found[key] for key in ("id", "href", "state", "@type")} == {
        "id": first["id"], "href": first["href"], "state": "completed", "@type": "ProductOrder"}
    assert set(found) == {"id", "href", "state", "@type", "productOrderItem"}
    assert [o["id"] for o in client.get(f"{ORDERS}?billingAccount.id=ba-1").json] == [second["id"]]
    assert [o["id"] for o in client.get(f"{ORDERS}?externalId=ext-0").json] == [first["id"]]


def test_a_filter_on_an_attribute_nobody_has_matches_nothing(client, completed):
    response = client.get(f"{ORDERS}?noSuchAttribute=x")
    assert response.status_code == 200 and response.json == [] and response.headers["X-Total-Count"] == "0"
    assert client.get(f"{PRODUCTS}?status=active&noSuchAttribute=x").json == []


def test_products_filter_by_id_status_and_nested_attributes(client, completed):
    products = client.get(PRODUCTS).json
    assert len(products) == 2
    one = products[0]
    assert [p["id"] for p in client.get(f"{PRODUCTS}?id={one['id']}").json] == [one["id"]]
    assert len(client.get(f"{PRODUCTS}?status=active&isBundle=false").json) == 2
    billed = client.get(f"{PRODUCTS}?billingAccount.id=ba-1").json
    assert len(billed) == 1 and billed[0]["productOrderItem"][0]["productOrderId"] == completed[1]["id"]
    assert client.get(f"{PRODUCTS}?productOffering.id=fibre-500").headers["X-Total-Count"] == "2"


def test_a_product_from_an_order_with_a_billing_account_has_every_attribute_the_tmf637_ctk_requires(client, completed):
    billed = client.get(f"{PRODUCTS}?billingAccount.id=ba-1").json[0]
    for name in ("billingAccount", "href", "id", "productCharacteristic", "productOffering", "productPrice",
                 "relatedParty", "status"):
        assert name in billed, name
    assert billed["productPrice"] and billed["productCharacteristic"] and billed["relatedParty"]


def test_the_ctk_order_without_an_offering_gets_a_well_formed_201_and_every_order_lists_its_parties(
        client, demo_pack, worker):
    ctk = {"productOrderItem": [{"id": "123", "action": "add"}],
           "relatedParty": [{"id": "456-dd-df45", "@referredType": "Individual"}]}
    created = client.post(ORDERS, json=ctk)
    assert created.status_code == 201
    for name in ("productOrderItem", "href", "id", "orderDate", "relatedParty", "state"):
        assert name in created.json, name
    no_party = client.post(ORDERS, json={"productOrderItem": [{"id": "1", "action": "add"}]})
    assert no_party.status_code == 201 and no_party.json["relatedParty"] == []
    worker.run_until_idle()
    for order in client.get(ORDERS).json:
        assert isinstance(order["relatedParty"], list) and order["state"] in {"rejected", "failed"}, order
