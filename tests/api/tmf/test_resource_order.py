"""TMF652 ResourceOrder views of resource domain orders (list features and access: test_service_order.py)."""
from tests.api.tmf.test_service_order import ORDERS, RESOURCE, SERVICE, fulfilled  # noqa: F401


def test_a_resource_order_maps_lines_to_order_items_with_specification_and_characteristics(
        client, fulfilled):  # noqa: F811
    listed = client.get(RESOURCE, query_string={"externalReference.name": fulfilled["fibre-500"]})
    assert listed.headers["X-Total-Count"] == "1"
    order = listed.json[0]
    assert order["@type"] == "ResourceOrder" and order["href"] == f"{RESOURCE}/{order['id']}"
    assert order["state"] == "completed" and "inventory" in order["description"]
    assert order["externalReference"][0]["href"] == f"{ORDERS}/{fulfilled['fibre-500']}"
    items = {item["id"]: item for item in order["orderItem"]}
    assert set(items) == {"1.fibre-olt-port", "1.fibre-ont", "1.fibre-router"}
    ont = items["1.fibre-ont"]
    assert (ont["action"], ont["quantity"], ont["state"], ont["@type"]) == ("add", 1, "completed",
                                                                            "ResourceOrderItem")
    spec = {"id": "res-ont", "@referredType": "ResourceSpecification"}
    assert ont["resourceSpecification"] == spec and ont["resource"]["resourceSpecification"] == spec
    assert ont["resource"]["resourceCharacteristic"] == [{"name": "model", "value": "ont-gpon", "valueType": "string"}]
    assert client.get(order["href"], query_string={"fields": "orderItem"}).json["orderItem"] == order["orderItem"]


def test_the_resource_list_pages_and_a_service_order_is_no_resource_order(client, fulfilled):  # noqa: F811
    everything = client.get(RESOURCE)
    assert everything.headers["X-Total-Count"] == str(len(everything.json)) == "2"
    page = client.get(RESOURCE, query_string={"limit": 1, "offset": 1})
    assert page.headers["X-Result-Count"] == "1" and page.json[0]["id"] == everything.json[1]["id"]
    service_id = client.get(SERVICE).json[0]["id"]
    assert client.get(f"{RESOURCE}/{service_id}").status_code == 404
