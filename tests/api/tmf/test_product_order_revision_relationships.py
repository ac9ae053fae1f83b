"""Product relationships are checked again when an order changes after capture: an in-flight revision
(PATCH and its preview), the supply of missing information, and the party's other open orders."""
from __future__ import annotations

import pytest

from tests.api.tmf.test_product_order import order_for
from tests.api.tmf.test_product_order_revision import PREVIEW, counts, detail
from tests.engine.runtime.orders.relationship_packs import activate_capped_voip_pack
from tests.rulepacks.telco_demo_driver import BASE, example, if_match

PARTY = "cust-0042"
FIBRES = "'spec-fibre-access' (fibre-100 / fibre-500 / fibre-1g)"


@pytest.fixture
def customer(make_user):
    """The orders' customer party exists, so its inventory and open orders count."""
    return make_user("jane", "customer", PARTY)


def test_removing_the_fibre_of_an_order_that_adds_voip_is_refused_and_previewed_with_the_same_reason(
        client, place, runtime):
    order_id = place("fibre-voip-port-in")
    patch = {"productOrderItem": [{"id": "1", "state": "cancelled"}]}
    before = counts(runtime)
    preview = client.post(PREVIEW.format(order_id), json=patch)
    assert preview.status_code == 200, preview.json
    reason = (f"item 2: 'voip-line' requires {FIBRES}: the order adds none and the customer holds none "
              "(/productOrderItem/0/productOffering/id)")
    assert preview.json["brokenRelationships"] == [{"pointer": "/productOrderItem/0/productOffering/id",
                                                    "code": "required_offering_missing", "message": reason}]
    refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id), json=patch)
    assert refused.status_code == 422 and refused.json["details"] == preview.json["brokenRelationships"]
    assert refused.json["message"] == f"the revised order breaks 1 product relationship(s) of the catalog: {reason}"
    assert counts(runtime) == before
    order = detail(client, order_id)
    assert (order["revision"], {i["id"]: i["state"] for i in order["items"]}) == (
        1, {"1": "inProgress", "2": "inProgress"})


@pytest.mark.parametrize("patch,expected", [
    ({"productOrderItem": [{"id": "2", "quantity": 5}]}, [("/productOrderItem/1/quantity", "cardinality_per_order")]),
    ({"productOrderItem": [{"id": "3", "action": "add", "quantity": 1, "productOffering": {"id": "adsl-legacy"}}]},
     [("/productOrderItem/2/productOffering/id", "excluded_offering")]),
    ({"productOrderItem": [{"id": "2", "quantity": 5}, {"id": "1", "state": "cancelled"}]},
     [("/productOrderItem/0/productOffering/id", "required_offering_missing"),
      ("/productOrderItem/0/quantity", "cardinality_per_order")]),
])
def test_a_revision_that_breaks_a_relationship_is_refused_with_every_reason(client, place, runtime, patch, expected):
    order_id = place("fibre-voip-port-in")
    before = counts(runtime)
    preview = client.post(PREVIEW.format(order_id), json=patch)
    assert [(e["pointer"], e["code"]) for e in preview.json["brokenRelationships"]] == expected
    refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id), json=patch)
    assert refused.status_code == 422 and [(e["pointer"], e["code"]) for e in refused.json["details"]] == expected
    assert counts(runtime) == before


def test_an_acceptable_revision_reports_no_broken_relationship(client, place):
    order_id = place("fibre-voip-port-in")
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"productOrderItem": [{"id": "2", "quantity": 2}]})
    assert response.status_code == 200, response.json
    assert response.json["revisionImpact"]["brokenRelationships"] == []


def test_a_revision_may_not_pass_the_per_customer_maximum_with_the_partys_other_open_order(
        client, runtime, customer, worker):
    activate_capped_voip_pack(runtime, 3)
    first = client.post(BASE, json=example("fibre-voip-port-in"))
    assert first.status_code == 201
    worker.run_until_idle()  # in progress, waiting for the technician
    second = client.post(BASE, json={**order_for("voip-line"), "relatedParty": example("fibre-voip-port-in")[
        "relatedParty"]})
    assert second.status_code == 422  # no fibre held: the first order's fibre is not held yet
    again = {**example("fibre-voip-port-in"), "externalId": "second"}
    again["productOrderItem"][1]["quantity"] = 2
    other = client.post(BASE, json=again)
    assert other.status_code == 201  # 1 + 2 of at most 3
    refused = client.patch(f"{BASE}/{first.json['id']}", headers=if_match(client, first.json['id']),
                           json={"productOrderItem": [{"id": "2", "quantity": 2}]})
    assert refused.status_code == 422
    [reason] = refused.json["details"]
    assert (reason["pointer"], reason["code"]) == ("/productOrderItem/1/quantity", "cardinality_per_customer")
    assert (f"customer {PARTY} would hold 4 'voip-line' (0 held, 2 in open order(s) {other.json['id']}, 2 in this "
            "order); a customer may hold 0..3") in reason["message"]


def pending_order(client, worker) -> str:
    """The fibre and VoIP port-in order without the donor operator: pending until it is supplied."""
    body = example("fibre-voip-port-in")
    voip = body["productOrderItem"][1]["product"]
    voip["productCharacteristic"] = [c for c in voip["productCharacteristic"] if c["name"] != "donorOperator"]
    order_id = client.post(BASE, json=body).json["id"]
    worker.run_until_idle()
    assert detail(client, order_id)["state"] == "pending"
    return order_id


DONOR = {"id": "2", "product": {"productCharacteristic": [{"name": "donorOperator", "value": "Telekom"}]}}


def test_supplying_missing_information_cannot_smuggle_in_a_relationship_break(client, demo_pack, runtime, worker):
    order_id = pending_order(client, worker)
    before = counts(runtime)
    refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                           json={"productOrderItem": [{**DONOR, "quantity": 5}]})
    assert refused.status_code == 422
    assert [(e["pointer"], e["code"]) for e in refused.json["details"]] == [
        ("/productOrderItem/1/quantity", "cardinality_per_order")]
    assert counts(runtime) == before and detail(client, order_id)["state"] == "pending"
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json={"productOrderItem": [DONOR]}).status_code == 200


def test_supplying_missing_information_neither_adds_items_nor_changes_their_offering(client, demo_pack, runtime,
                                                                                    worker):
    order_id = pending_order(client, worker)
    before = counts(runtime)
    extra = {"id": "3", "action": "add", "quantity": 1, "productOffering": {"id": "static-ip"}}
    swapped = {"id": "1", "productOffering": {"id": "static-ip"}}
    refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                           json={"productOrderItem": [swapped, DONOR, extra]})
    assert refused.status_code == 422
    assert [(e["pointer"], e["code"]) for e in refused.json["details"]] == [
        ("/productOrderItem/0/productOffering/id", "item_changed"), ("/productOrderItem/2/id", "item_added"),
        ("/productOrderItem/0/productOffering/id", "required_offering_missing"),  # static IP and VoIP need fibre
        ("/productOrderItem/1/productOffering/id", "required_offering_missing"),
        ("/productOrderItem/2/productOffering/id", "required_offering_missing")]
    assert counts(runtime) == before and detail(client, order_id)["state"] == "pending"


def test_supplying_a_held_back_number_cannot_raise_a_quantity_past_the_per_order_maximum(
        client, demo_pack, runtime, worker):
    order_id = client.post(BASE, json=example("fibre-voip-port-in-number-missing")).json["id"]
    worker.run_until_idle()
    number = {"id": "2", "product": {"productCharacteristic": [{"name": "portInNumber", "value": "+493012345678"}]}}
    before = counts(runtime)
    refused = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                           json={"productOrderItem": [{**number, "quantity": 5}]})
    assert refused.status_code == 422
    assert [(e["pointer"], e["code"]) for e in refused.json["details"]] == [
        ("/productOrderItem/1/quantity", "cardinality_per_order")]
    assert counts(runtime) == before
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json={"productOrderItem": [number]}).status_code == 200


def test_an_offering_another_open_order_of_the_customer_adds_is_excluded(client, demo_pack, customer, worker):
    adsl = client.post(BASE, json=order_for("adsl-legacy"))
    assert adsl.status_code == 201  # not sellable: the capture stage rejects it, but it is open until then
    refused = client.post(BASE, json=order_for("fibre-500"))
    assert refused.status_code == 422
    assert refused.json["details"][0]["code"] == "excluded_offering"
    assert f"which item 1 of open order {adsl.json['id']} adds" in refused.json["message"]
    worker.run_until_idle()
    assert client.get(f"{BASE}/{adsl.json['id']}").json["state"] == "rejected"
    assert client.post(BASE, json=order_for("fibre-500")).status_code == 201


def test_a_fibre_in_another_open_order_does_not_meet_the_requirement_of_voip(client, demo_pack, customer, worker):
    assert client.post(BASE, json=order_for("fibre-500")).status_code == 201
    refused = client.post(BASE, json=order_for("voip-line"))
    assert refused.status_code == 422 and refused.json["details"][0]["code"] == "required_offering_missing"
    worker.run_until_idle()  # the fibre completes: now it is held
    assert client.post(BASE, json=order_for("voip-line")).status_code == 201


def test_two_open_voip_orders_cannot_together_pass_the_per_customer_maximum(client, runtime, customer, worker):
    activate_capped_voip_pack(runtime, 2)
    assert client.post(BASE, json=order_for("fibre-500")).status_code == 201
    worker.run_until_idle()
    first = client.post(BASE, json=order_for("voip-line", externalId="a"))
    assert client.post(BASE, json=order_for("voip-line", externalId="b")).status_code == 201
    refused = client.post(BASE, json=order_for("voip-line", externalId="c"))
    assert refused.status_code == 422 and refused.json["details"][0]["code"] == "cardinality_per_customer"
    assert client.delete(f"{BASE}/{first.json['id']}",
                         headers=if_match(client, first.json['id'])).status_code == 204  # withdrawn: no longer on its way
    assert client.post(BASE, json=order_for("voip-line", externalId="c")).status_code == 201
