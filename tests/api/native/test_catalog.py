"""The native catalog for order capture: sellable offerings of the active pack with list prices, the
characteristics as a JSON Schema for a form and the relationships in words."""
CATALOG = "/api/v1/catalog/offerings"


def test_lists_only_sellable_offerings_with_prices_and_search(secure_client, make_user, demo_pack):
    jane = make_user("jane", "customer", party="cust-0042")
    listed = secure_client.get(CATALOG, headers=jane.headers)
    assert listed.status_code == 200, listed.json
    ids = [o["id"] for o in listed.json]
    assert "fibre-500" in ids and "voip-line" in ids
    assert "adsl-legacy" not in ids and "sdwan-edge" not in ids
    assert listed.headers["X-Total-Count"] == str(len(ids))
    fibre = next(o for o in listed.json if o["id"] == "fibre-500")
    assert fibre["placeRequired"] is False
    monthly = next(p for p in fibre["prices"] if p["priceType"] == "recurring")
    assert monthly["period"] == "month" and isinstance(monthly["amount"], str) and "." in monthly["amount"]
    found = secure_client.get(f"{CATALOG}?q=voip", headers=jane.headers).json
    assert [o["id"] for o in found] == ["voip-line"]


def test_an_offering_has_its_form_schema_and_relationships(secure_client, make_user, demo_pack):
    agent = make_user("fa", "fulfillmentAgent")
    fibre = secure_client.get(f"{CATALOG}/fibre-500", headers=agent.headers)
    assert fibre.status_code == 200, fibre.json
    bandwidth = fibre.json["characteristicsSchema"]["properties"]["bandwidth"]
    assert bandwidth["type"] == "string" and bandwidth["enum"] == ["100M", "500M", "1G"]
    static_ip = secure_client.get(f"{CATALOG}/static-ip", headers=agent.headers).json
    assert static_ip["characteristicsSchema"]["properties"]["prefixLength"] == {
        "type": "integer", "title": "prefixLength", "enum": [32, 29], "default": 32}
    assert any(r.startswith("requires 'spec-fibre-access'") for r in static_ip["relationships"])


def test_unknown_or_withdrawn_offerings_are_404_and_anonymous_callers_401(secure_client, make_user, demo_pack):
    jane = make_user("jane", "customer", party="cust-0042")
    assert secure_client.get(f"{CATALOG}/adsl-legacy", headers=jane.headers).status_code == 404
    assert secure_client.get(f"{CATALOG}/nope", headers=jane.headers).status_code == 404
    assert secure_client.get(CATALOG).status_code == 401
