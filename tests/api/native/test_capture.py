"""Native order capture: a quote lists every problem of a draft with pointers and prices it, storing nothing;
capture goes through the same engine capture as TMF622, with the same Idempotency-Key replay."""
from sqlalchemy import func, select

from engine.store.models import AuditEvent, CustomerOrder

QUOTE = "/api/v1/orders/quote"
ORDERS = "/api/v1/orders"
ADDRESS = {"streetName": "Invalidenstrasse 1", "postcode": "10115", "city": "Berlin", "country": "DE"}


def fibre(**extra) -> dict:
    return {"action": "add", "offering": "fibre-500", "quantity": 1,
            "characteristics": {"bandwidth": "500M", "buildingType": "multiDwelling"}, "place": ADDRESS, **extra}


def stored(runtime) -> tuple[int, int]:
    with runtime.reading() as session:
        return (session.scalar(select(func.count()).select_from(CustomerOrder)),
                session.scalar(select(func.count()).select_from(AuditEvent)))


def test_a_quote_prices_the_draft_and_stores_nothing(secure_client, make_user, demo_pack, runtime):
    agent = make_user("agent", "orderAgent")
    make_user("jane", "customer", party="cust-0042")
    before = stored(runtime)
    quoted = secure_client.post(QUOTE, json={"party": "cust-0042", "items": [fibre()]}, headers=agent.headers)
    assert quoted.status_code == 200, quoted.json
    body = quoted.json
    assert body["accepted"] is True and body["problems"] == [] and body["party"] == "cust-0042"
    price = body["price"]
    assert price["currency"] == "EUR"
    assert float(price["recurringTotal"]) > 0 and float(price["oneTimeTotal"]) > 0
    assert [i["item"] for i in price["items"]] == [0]
    assert all(isinstance(line["amount"], str) for line in price["lines"])
    assert stored(runtime) == before


def test_a_quote_lists_every_problem_with_a_pointer_into_the_draft(secure_client, make_user, demo_pack, runtime):
    jane = make_user("jane", "customer", party="cust-0042")
    draft = {"items": [{"offering": "voip-line"}, {"offering": "no-such-thing"},
                       {"offering": "static-ip", "characteristics": {"prefixLength": 30}}]}
    quoted = secure_client.post(QUOTE, json=draft, headers=jane.headers)
    assert quoted.status_code == 200, quoted.json
    problems = {(p["pointer"], p["code"]) for p in quoted.json["problems"]}
    assert ("/items/1/offering", "offering_unknown") in problems
    assert ("/items/2/characteristics/prefixLength", "not_allowed") in problems
    assert {("/items/0/offering", "required_offering_missing"),
            ("/items/2/offering", "required_offering_missing")} <= problems
    assert quoted.json["accepted"] is False


def test_capture_is_idempotent_per_key_and_body(secure_client, make_user, demo_pack, runtime):
    jane = make_user("jane", "customer", party="cust-0042")
    headers = {**jane.headers, "Idempotency-Key": "draft-1"}
    first = secure_client.post(ORDERS, json={"items": [fibre()]}, headers=headers)
    assert first.status_code == 201, first.json
    assert "Idempotent-Replayed" not in first.headers
    again = secure_client.post(ORDERS, json={"items": [fibre()]}, headers=headers)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["id"] == first.json["id"] and again.json["replayed"] is True
    other = secure_client.post(ORDERS, json={"items": [fibre(quantity=1, characteristics={"bandwidth": "1G"})]},
                               headers=headers)
    assert other.status_code == 422
    assert [e["pointer"] for e in other.json["errors"]] == ["header:Idempotency-Key"]
    with runtime.reading() as session:
        assert session.scalars(select(CustomerOrder.party_id)).all() == ["cust-0042"]


def test_capture_refuses_a_draft_with_problems_listing_every_one(secure_client, make_user, demo_pack, runtime):
    agent = make_user("agent", "orderAgent")
    make_user("jane", "customer", party="cust-0042")
    before = stored(runtime)
    refused = secure_client.post(ORDERS, json={"party": "cust-0042", "items": [
        {"offering": "voip-line"}, {"offering": "no-such-thing"}]}, headers=agent.headers)
    assert refused.status_code == 422, refused.json
    pointers = [e["pointer"] for e in refused.json["errors"]]
    assert "/items/1/offering" in pointers and any(p.startswith("/items/0") for p in pointers)
    assert stored(runtime) == before


def test_staff_name_an_existing_party(secure_client, make_user, demo_pack):
    agent = make_user("agent", "orderAgent")
    missing = secure_client.post(QUOTE, json={"items": [fibre()]}, headers=agent.headers)
    assert missing.status_code == 422 and missing.json["errors"][0]["pointer"] == "/party"
    unknown = secure_client.post(ORDERS, json={"party": "nobody", "items": [fibre()]}, headers=agent.headers)
    assert unknown.status_code == 422 and unknown.json["errors"][0]["pointer"] == "/party"


def test_a_customer_may_not_quote_or_order_for_another_party(secure_client, make_user, demo_pack, runtime):
    jane = make_user("jane", "customer", party="cust-0042")
    make_user("eve", "customer", party="cust-9999")
    before = stored(runtime)
    draft = {"party": "cust-9999", "items": [fibre()]}
    assert secure_client.post(QUOTE, json=draft, headers=jane.headers).status_code == 403
    assert secure_client.post(ORDERS, json=draft, headers=jane.headers).status_code == 403
    assert stored(runtime) == before


def test_a_fulfillment_agent_may_not_capture(secure_client, make_user, demo_pack):
    agent = make_user("fa", "fulfillmentAgent")
    draft = {"party": "cust-0042", "items": [fibre()]}
    assert secure_client.post(ORDERS, json=draft, headers=agent.headers).status_code == 403
    assert secure_client.post(QUOTE, json=draft, headers=agent.headers).status_code == 403


def test_staff_find_customer_parties_and_a_customer_only_its_own(secure_client, make_user, demo_pack):
    agent = make_user("agent", "orderAgent")
    make_user("jane", "customer", party="cust-0042")
    eve = make_user("eve", "customer", party="cust-9999")
    found = secure_client.get("/api/v1/parties?q=0042", headers=agent.headers)
    assert found.status_code == 200 and [p["id"] for p in found.json] == ["cust-0042"]
    assert [p["id"] for p in secure_client.get("/api/v1/parties", headers=eve.headers).json] == ["cust-9999"]
