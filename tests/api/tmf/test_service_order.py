"""TMF641 ServiceOrder views of service domain orders: mapping, list features, 404s and who may read them."""
import json

import pytest

from api.serializers.domain_order import STATE
from api.tmf.validation import SPECS
from engine.states import DomainOrderState
from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
SERVICE = "/tmf-api/serviceOrdering/v4/serviceOrder"
RESOURCE = "/tmf-api/resourceOrderingManagement/v4/resourceOrder"
V4_ORDER_STATES = set(json.loads((SPECS / "TMF622-ProductOrder-v4.0.0.swagger.json").read_text())["definitions"][
    "ProductOrderStateType"]["enum"])


def example(name: str) -> dict:
    return json.loads((DEMO_PACK / "examples" / f"{name}.json").read_text())


@pytest.fixture
def fulfilled(client, demo_pack, worker, make_user):
    """The fibre order (completed) and the VoIP order still waiting for the number to port; their ids."""
    make_user("jane", "customer", "cust-0042")
    ids = {}
    for name in ("fibre-500", "fibre-voip-port-in-number-missing"):
        response = client.post(ORDERS, json=example(name))
        assert response.status_code == 201, response.json
        ids[name] = response.json["id"]
    worker.run_until_idle()
    return ids


def test_every_domain_order_state_maps_to_a_tmf_order_state():
    assert set(STATE) == set(DomainOrderState)
    assert set(STATE.values()) <= V4_ORDER_STATES


def test_a_service_order_maps_lines_to_items_with_specification_characteristics_and_state(client, fulfilled):
    listed = client.get(SERVICE, query_string={"externalReference.name": fulfilled["fibre-500"]})
    assert listed.status_code == 200 and listed.headers["X-Total-Count"] == "1"
    order = listed.json[0]
    assert order["@type"] == "ServiceOrder" and order["href"] == f"{SERVICE}/{order['id']}"
    assert order["state"] == "completed" and order["completionDate"] and order["orderDate"]
    assert order["externalId"] == "demo-fibre-500"
    assert order["externalReference"] == [{
        "externalReferenceType": "productOrder", "name": fulfilled["fibre-500"],
        "href": f"{ORDERS}/{fulfilled['fibre-500']}", "@type": "ExternalReference"}]
    assert order["orderRelationship"][0]["id"] == fulfilled["fibre-500"]
    assert order["relatedParty"] == [{"id": "cust-0042", "role": "customer", "@referredType": "Party",
                                      "@type": "RelatedParty"}]
    items = {item["id"]: item for item in order["serviceOrderItem"]}
    gpon = items["1.fibre-gpon"]
    assert (gpon["action"], gpon["quantity"], gpon["state"], gpon["@type"]) == ("add", 1, "completed",
                                                                                "ServiceOrderItem")
    assert gpon["service"]["serviceSpecification"] == {"id": "rfs-gpon-access",
                                                       "@referredType": "ServiceSpecification"}
    assert {"name": "bandwidthProfile", "value": "FTTH-500M", "valueType": "string"} in gpon["service"][
        "serviceCharacteristic"]
    assert client.get(order["href"]).json == order


def test_a_service_order_waiting_for_information_is_pending(client, fulfilled):
    orders = client.get(SERVICE, query_string={"externalReference.name": fulfilled[
        "fibre-voip-port-in-number-missing"], "state": "pending"}).json
    assert len(orders) == 1 and "number-portability" in orders[0]["description"]
    assert {item["state"] for item in orders[0]["serviceOrderItem"]} == {"pending"}


def test_the_list_filters_pages_selects_fields_and_counts(client, fulfilled):
    everything = client.get(SERVICE)
    total = int(everything.headers["X-Total-Count"])
    assert total == len(everything.json) >= 3 and {o["@type"] for o in everything.json} == {"ServiceOrder"}
    page = client.get(SERVICE, query_string={"offset": 1, "limit": 1, "fields": "state"})
    assert page.headers["X-Total-Count"] == str(total) and page.headers["X-Result-Count"] == "1"
    assert page.json[0]["id"] == everything.json[1]["id"]
    assert set(page.json[0]) == {"id", "href", "@type", "state"}
    completed = client.get(SERVICE, query_string={"state": "completed"})
    assert int(completed.headers["X-Total-Count"]) == sum(o["state"] == "completed" for o in everything.json)
    spec = client.get(SERVICE, query_string={"serviceOrderItem.service.serviceSpecification.id": "rfs-gpon-access"})
    assert spec.headers["X-Total-Count"] == "2"
    assert client.get(SERVICE, query_string={"id": everything.json[0]["id"]}).headers["X-Total-Count"] == "1"
    assert client.get(SERVICE, query_string={"limit": "x"}).status_code == 400


def test_by_id_with_fields_and_404s(client, fulfilled):
    service = client.get(SERVICE).json[0]
    assert client.get(f"{SERVICE}/{service['id']}", query_string={"fields": "state"}).json == {
        "id": service["id"], "href": service["href"], "@type": "ServiceOrder", "state": service["state"]}
    resource_id = client.get(RESOURCE).json[0]["id"]
    for missing in ("nope", resource_id):
        response = client.get(f"{SERVICE}/{missing}")
        assert response.status_code == 404 and response.json["@type"] == "Error"


def test_product_domain_orders_are_neither_service_nor_resource_orders(client, fulfilled, runtime):
    from sqlalchemy import select

    from engine.store.models import DomainOrder
    with runtime.reading() as session:
        product_ids = session.execute(select(DomainOrder.id).where(DomainOrder.domain == "product")).scalars().all()
    assert product_ids
    listed = {o["id"] for o in client.get(SERVICE).json} | {o["id"] for o in client.get(RESOURCE).json}
    assert not listed & set(product_ids)
    assert client.get(f"{SERVICE}/{product_ids[0]}").status_code == 404


def test_who_may_read_service_and_resource_orders(secure_client, make_user):
    for role in ("orderAgent", "fulfillmentAgent", "auditor", "integration"):
        user = make_user(f"u-{role}", role)
        for base in (SERVICE, RESOURCE):
            assert secure_client.get(base, headers=user.headers).status_code == 200
    customer = make_user("cust", "customer", "p-1")
    for base in (SERVICE, RESOURCE):
        assert secure_client.get(base, headers=customer.headers).status_code == 403
        assert secure_client.get(f"{base}/x", headers=customer.headers).status_code == 403
        assert secure_client.get(base).status_code == 401
