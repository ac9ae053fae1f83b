"""Issue 15, item 10: messages speak to the user -- the item and the field named, the allowed values listed, a
short excerpt of the value, no regular expression, Python repr or module path; schema and catalog problems
reported together; ``stateReason`` kept current."""
from __future__ import annotations

import json

from tests.rulepacks.telco_demo_driver import BASE, example, if_match

QUOTE = "/api/v1/orders/quote"
INTERNALS = ("Failed validating", "api.", "engine.", "Traceback", "\\\\", "^", "$", "{'", "u'")


def voip_order(**characteristics) -> dict:
    body = example("fibre-voip-port-in")
    voip = body["productOrderItem"][1]["product"]
    voip["productCharacteristic"] = [{**c, "value": characteristics.get(c["name"], c["value"])}
                                     for c in voip["productCharacteristic"]]
    return body


def speaks_to_the_user(text: str) -> None:
    assert not [marker for marker in INTERNALS if marker in text], text


def test_an_enum_names_the_item_the_field_and_the_allowed_values(client, demo_pack):
    body = example("fibre-500")
    body["productOrderItem"][0]["action"] = "explode"
    response = client.post(BASE, json=body)
    assert response.status_code == 400
    assert response.json["details"] == [{"pointer": "/productOrderItem/0/action", "message":
                                         "item 1: action 'explode' is not one of 'add', 'modify', 'delete' or "
                                         "'noChange'"}]
    speaks_to_the_user(json.dumps(response.json))


def test_a_long_value_is_echoed_as_a_short_excerpt(client, demo_pack):
    body = example("fibre-500")
    body["productOrderItem"][0]["action"] = "A" * 5000
    response = client.post(BASE, json=body)
    message = response.json["details"][0]["message"]
    assert response.status_code == 400 and f"'{'A' * 80}…'" in message
    assert "A" * 81 not in response.get_data(as_text=True)


def test_a_type_error_says_what_was_expected_in_words(client, demo_pack):
    response = client.post(BASE, json={**example("fibre-500"), "requestedStartDate": 5})
    assert response.json["details"] == [{"pointer": "/requestedStartDate",
                                         "message": "requestedStartDate must be a string, not a number"}]


def test_a_pattern_mismatch_describes_the_characteristic_not_its_regular_expression(client, demo_pack, make_user):
    make_user("jane", "customer", party="cust-0042")
    draft = {"party": "cust-0042", "items": [
        {"offering": "fibre-500", "characteristics": {"bandwidth": "500M", "buildingType": "multiDwelling"},
         "place": {"streetName": "Invalidenstrasse 1", "postcode": "10115", "city": "Berlin", "country": "DE"}},
        {"offering": "voip-line", "characteristics": {"portIn": True, "portInNumber": "12", "donorOperator": "X"}}]}
    problems = client.post(QUOTE, json=draft).json["problems"]
    assert [p["message"] for p in problems if p["code"] == "pattern_mismatch"] == [
        "item 2: characteristic portInNumber '12' is not a valid portInNumber (E.164 number to port in; required "
        "for number porting.)"]
    speaks_to_the_user(json.dumps(problems))


def test_a_value_not_allowed_lists_the_allowed_ones(client, demo_pack, make_user):
    make_user("jane", "customer", party="cust-0042")
    draft = {"party": "cust-0042", "items": [
        {"offering": "fibre-500", "characteristics": {"bandwidth": "9T", "buildingType": "multiDwelling"},
         "place": {"streetName": "Invalidenstrasse 1", "postcode": "10115", "city": "Berlin", "country": "DE"}}]}
    problems = client.post(QUOTE, json=draft).json["problems"]
    message = next(p["message"] for p in problems if p["code"] == "not_allowed")
    assert message.startswith("item 1: characteristic bandwidth '9T' is not one of '") and "'500M'" in message


def test_schema_and_catalog_problems_are_reported_together(client, demo_pack):
    body = voip_order(portInNumber="12")
    body["requestedStartDate"] = 5
    body["productOrderItem"][0]["productOffering"]["id"] = "fibre-10g"
    response = client.post(BASE, json=body)
    assert response.status_code == 400
    assert [(d["pointer"], d["message"]) for d in response.json["details"]] == [
        ("/requestedStartDate", "requestedStartDate must be a string, not a number"),
        ("/productOrderItem/0", "item 1: product offering 'fibre-10g' is not in the catalog"),
        ("/productOrderItem/1", "item 2: characteristic portInNumber '12' is not a valid portInNumber (E.164 "
                                "number to port in; required for number porting.)")]
    assert "fibre-10g" in response.json["message"] and client.get(BASE).headers["X-Total-Count"] == "0"


def test_state_reason_follows_the_state(client, demo_pack, worker):
    body = example("fibre-voip-port-in")
    voip = body["productOrderItem"][1]["product"]
    voip["productCharacteristic"] = [c for c in voip["productCharacteristic"] if c["name"] != "donorOperator"]
    order_id = client.post(BASE, json=body).json["id"]
    worker.run_until_idle()
    waiting = client.get(f"/api/v1/orders/{order_id}").json
    assert (waiting["state"], waiting["stateReason"]) == ("pending", "information required")
    donor = {"id": "2", "product": {"productCharacteristic": [{"name": "donorOperator", "value": "OldTel"}]}}
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json={"productOrderItem": [donor]}).status_code == 200
    worker.run_until_idle()
    going = client.get(f"/api/v1/orders/{order_id}").json
    assert going["state"] != "pending" and going["stateReason"] is None, going["stateReason"]
