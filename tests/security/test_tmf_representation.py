"""Issue 15, item 8: the TMF622 representation shows what TMF622 declares and nothing internal; the polymorphism
attributes a client sends are checked; ``fields=`` keeps what the schema requires."""
from __future__ import annotations

import pytest
from jsonschema import Draft4Validator
from sqlalchemy import select

from api.tmf.validation import definitions
from engine.store.models import CustomerOrder
from tests.rulepacks.telco_demo_driver import BASE, example

DEFINITIONS = definitions()
ORDER_PROPERTIES = set(DEFINITIONS["ProductOrder"]["properties"]) | {"requestedInitialState"}
ITEM_PROPERTIES = set(DEFINITIONS["ProductOrderItem"]["properties"])
INTERNAL = {"customerSegment", "loyaltyYears", "sdwanSites", "simCount", "hasFibre"}


def violations(body: dict) -> list[str]:
    validator = Draft4Validator({**DEFINITIONS["ProductOrder"], "definitions": DEFINITIONS})
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]


@pytest.fixture
def gold(client, demo_pack, worker) -> str:
    """The gold loyal customer's order, enriched and priced (its segment and tenure are facts enrichment wrote)."""
    response = client.post(BASE, json=example("gold-loyal-customer"))
    assert response.status_code == 201, response.json
    worker.run_until_idle()
    return response.json["id"]


def test_enrichment_facts_stay_internal_and_every_view_validates(client, runtime, gold):
    with runtime.reading() as session:
        stored = session.scalars(select(CustomerOrder.payload).where(CustomerOrder.id == gold)).one()
    assert {"customerSegment", "loyaltyYears"} <= set(stored)  # what pricing reads is still there
    assert any("characteristics" in item for item in stored["productOrderItem"])
    for body in (client.get(f"{BASE}/{gold}").json, client.get(BASE).json[0]):
        assert set(body) <= ORDER_PROPERTIES and not INTERNAL & set(body), sorted(body)
        assert all(set(item) <= ITEM_PROPERTIES for item in body["productOrderItem"])
        assert not violations(body)


def test_the_answer_to_a_create_shows_nothing_internal(client, demo_pack):
    body = client.post(BASE, json={**example("gold-loyal-customer"), "customerSegment": "platinum"}).json
    assert "customerSegment" not in body and set(body) <= ORDER_PROPERTIES


@pytest.mark.parametrize("fields", ["state", "id", "note,state", "nothing-of-the-sort"])
def test_fields_keeps_what_the_schema_requires(client, gold, fields):
    one = client.get(f"{BASE}/{gold}", query_string={"fields": fields}).json
    listed = client.get(BASE, query_string={"fields": fields}).json
    for body in (one, *listed):
        assert {"id", "href", "@type", "productOrderItem"} <= set(body), sorted(body)
        assert not violations(body)
    assert one["productOrderItem"] == client.get(f"{BASE}/{gold}").json["productOrderItem"]


@pytest.mark.parametrize("change,pointer", [
    ({"@schemaLocation": ""}, "/@schemaLocation"),
    ({"@schemaLocation": "schemas/order.json"}, "/@schemaLocation"),
    ({"@schemaLocation": "javascript:alert(1)"}, "/@schemaLocation"),
    ({"@type": "entity_type"}, "/@type"),
    ({"@baseType": "Order With Spaces"}, "/@baseType"),
    ({"item": {"@type": ""}}, "/productOrderItem/0/@type"),
    ({"party": {"@referredType": "<script>"}}, "/relatedParty/0/@referredType"),
])
def test_polymorphism_attributes_are_checked_not_stored(client, demo_pack, change, pointer):
    body = example("fibre-500")
    body["productOrderItem"][0].update(change.pop("item", {}))
    body["relatedParty"][0].update(change.pop("party", {}))
    body.update(change)
    response = client.post(BASE, json=body)
    assert response.status_code == 422, response.json
    assert response.json["@type"] == "Error" and [d["pointer"] for d in response.json["details"]] == [pointer]
    assert client.get(BASE).headers["X-Total-Count"] == "0"


def test_well_formed_polymorphism_attributes_are_accepted(client, demo_pack):
    body = {**example("fibre-500"), "@type": "ProductOrder", "@baseType": "ProductOrder",
            "@schemaLocation": "https://schemas.example.com/ProductOrder.json"}
    body["productOrderItem"][0]["@type"] = "ProductOrderItem"
    response = client.post(BASE, json=body)
    assert response.status_code == 201, response.json
    assert response.json["@schemaLocation"] == "https://schemas.example.com/ProductOrder.json"
