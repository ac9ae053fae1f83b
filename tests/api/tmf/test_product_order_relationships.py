"""POST productOrder: the catalog's requires, excludes and cardinality, against the order and the inventory."""
import pytest
from sqlalchemy import func, select

from engine.store.models import CustomerOrder, Product
from tests.api.tmf.test_product_order import BASE, order_for

PARTY = "cust-0042"  # the example orders' customer
FIBRES = "'spec-fibre-access' (fibre-100 / fibre-500 / fibre-1g)"


@pytest.fixture
def customer(make_user):
    """The orders' customer party exists, so orders are captured for it and its inventory counts."""
    return make_user("jane", "customer", PARTY)


def _stored_orders(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder))


def _complete(client, worker, body) -> dict:
    response = client.post(BASE, json=body)
    assert response.status_code == 201, response.json
    worker.run_until_idle()
    order = client.get(f"{BASE}/{response.json['id']}").json
    assert order["state"] == "completed", order.get("note")
    return order


def test_voip_without_fibre_is_refused_with_a_422_naming_the_item_and_the_offerings(client, demo_pack, customer,
                                                                                     runtime):
    response = client.post(BASE, json=order_for("voip-line"))
    assert response.status_code == 422 and response.json["@type"] == "Error"
    reason = (f"item 1: 'voip-line' requires {FIBRES}: the order adds none and customer {PARTY} holds none "
              "(/productOrderItem/0/productOffering/id)")
    assert response.json["message"] == f"the order breaks 1 product relationship(s) of the catalog: {reason}"
    assert response.json["details"] == [{"pointer": "/productOrderItem/0/productOffering/id",
                                         "code": "required_offering_missing", "message": reason}]
    assert _stored_orders(runtime) == 0


def test_every_broken_relationship_is_listed(client, demo_pack, customer):
    response = client.post(BASE, json=order_for("voip-line", "static-ip", "iot-sim-fleet"))
    assert response.status_code == 422
    assert [(d["pointer"], d["code"]) for d in response.json["details"]] == [
        ("/productOrderItem/0/productOffering/id", "required_offering_missing"),
        ("/productOrderItem/1/productOffering/id", "required_offering_missing")]


def test_voip_with_its_fibre_in_the_same_order_completes(client, demo_pack, customer, worker):
    order = _complete(client, worker, order_for("fibre-500", "voip-line"))
    assert [i["state"] for i in order["productOrderItem"]] == ["completed", "completed"]


def test_voip_alone_is_accepted_once_the_customer_holds_an_active_fibre(client, demo_pack, customer, worker):
    _complete(client, worker, order_for("fibre-500"))
    voip = _complete(client, worker, order_for("voip-line"))
    assert voip["productOrderItem"][0]["productOffering"]["id"] == "voip-line"


def test_voip_may_name_the_fibre_product_it_relies_on(client, demo_pack, customer, worker):
    _complete(client, worker, order_for("fibre-500"))
    fibre = client.get("/tmf-api/productInventory/v4/product").json[0]["id"]
    relying = order_for("voip-line")
    relying["productOrderItem"][0]["product"]["productRelationship"] = [
        {"relationshipType": "reliesOn", "product": {"id": fibre}}]
    assert client.post(BASE, json=relying).status_code == 201
    relying["productOrderItem"][0]["product"]["productRelationship"][0]["product"]["id"] = "someone-elses"
    refused = client.post(BASE, json=relying)
    assert refused.status_code == 422 and "relies on (product someone-elses)" in refused.json["message"]


def test_another_customers_fibre_does_not_count(client, demo_pack, customer, make_user, worker):
    make_user("ann", "customer", "cust-other")
    _complete(client, worker, order_for("fibre-500"))
    other = order_for("voip-line")
    other["relatedParty"] = [{**other["relatedParty"][0], "id": "cust-other", "name": "Ann"}]
    refused = client.post(BASE, json=other)
    assert refused.status_code == 422 and "customer cust-other holds none" in refused.json["message"]


def test_fibre_is_refused_while_the_customer_holds_adsl_unless_the_order_disconnects_it(client, demo_pack,
                                                                                       customer, runtime):
    with runtime.unit_of_work("test") as uow:
        uow.session.add(Product(id="adsl-1", party_id=PARTY, offering_id="adsl-legacy", name="ADSL 8M",
                                status="active", characteristics=[], payload={}, created_at=uow.now,
                                updated_at=uow.now))
    refused = client.post(BASE, json=order_for("fibre-500"))
    assert refused.status_code == 422
    assert refused.json["details"][0]["code"] == "excluded_offering"
    assert "'fibre-500' excludes 'spec-adsl' (adsl-legacy), and customer cust-0042 holds product adsl-1" \
        in refused.json["message"]
    switch = order_for("fibre-500")
    switch["productOrderItem"].append({"id": "2", "action": "delete", "product": {"id": "adsl-1"}})
    assert client.post(BASE, json=switch).status_code == 201


def test_one_order_adds_at_most_four_voip_lines_across_its_items(client, demo_pack, customer, worker):
    _complete(client, worker, order_for("fibre-500", "voip-line"))
    body = order_for("voip-line", "voip-line")
    body["productOrderItem"][0]["quantity"] = 3
    body["productOrderItem"][1]["quantity"] = 2
    refused = client.post(BASE, json=body)
    assert refused.status_code == 422
    assert [(d["pointer"], d["code"]) for d in refused.json["details"]] == [
        ("/productOrderItem/0/quantity", "cardinality_per_order")]
    body["productOrderItem"][1]["quantity"] = 1
    _complete(client, worker, body)  # 4 in this order; the customer's earlier line does not count per order


def test_a_disconnect_that_leaves_voip_without_fibre_is_refused(client, demo_pack, customer, worker):
    _complete(client, worker, order_for("fibre-500", "voip-line"))
    products = {p["productOffering"]["id"]: p["id"] for p in client.get("/tmf-api/productInventory/v4/product").json}
    body = order_for("fibre-500")
    body["productOrderItem"] = [{"id": "1", "action": "delete", "product": {"id": products["fibre-500"]}}]
    refused = client.post(BASE, json=body)
    assert refused.status_code == 422 and refused.json["details"][0]["code"] == "required_by_kept_product"
    body["productOrderItem"].append({"id": "2", "action": "delete", "product": {"id": products["voip-line"]}})
    assert client.post(BASE, json=body).status_code == 201


def test_an_order_whose_relationships_broke_after_capture_is_rejected_by_the_capture_stage(
        client, demo_pack, customer, worker, runtime):
    _complete(client, worker, order_for("fibre-500"))
    voip = client.post(BASE, json=order_for("voip-line"))
    assert voip.status_code == 201
    with runtime.unit_of_work("test") as uow:  # the fibre goes before the worker reaches the VoIP order
        for product in uow.session.execute(select(Product)).scalars():
            product.status = "terminated"
    worker.run_until_idle()
    order = client.get(f"{BASE}/{voip.json['id']}").json
    assert order["state"] == "rejected"
    assert order["note"][-1]["text"].startswith(f"Rejected: item 1: 'voip-line' requires {FIBRES}")

