"""Customers change their own products through TMF622 and see the result in TMF637; another party's
product is as unknown to them as one that does not exist."""
from tests.rulepacks.telco_demo_driver import BASE, PRODUCTS, example


def body(name: str, product_id: str, party: str) -> dict:
    found = example(name)
    found["productOrderItem"][0]["product"]["id"] = product_id
    found["relatedParty"] = [{"id": party, "role": "customer", "@referredType": "Individual"}]
    return found


def test_a_customer_suspends_its_own_product_but_not_another_partys(secure_client, make_user, demo_pack, worker):
    jane = make_user("jane", "customer", party="cust-0042")
    eve = make_user("eve", "customer", party="cust-9999")
    assert secure_client.post(BASE, json=example("fibre-500"), headers=jane.headers).status_code == 201
    worker.run_until_idle()
    [fibre] = secure_client.get(PRODUCTS, headers=jane.headers).json
    assert secure_client.get(f"{PRODUCTS}/{fibre['id']}", headers=eve.headers).status_code == 404

    eves = secure_client.post(BASE, json=body("fibre-500-suspend", fibre["id"], "cust-9999"), headers=eve.headers)
    janes = secure_client.post(BASE, json=body("fibre-500-suspend", fibre["id"], "cust-0042"), headers=jane.headers)
    assert eves.status_code == janes.status_code == 201
    worker.run_until_idle()

    refused = secure_client.get(f"{BASE}/{eves.json['id']}", headers=eve.headers).json
    assert refused["state"] == "rejected"
    assert fibre["id"] in refused["note"][-1]["text"] and "no product with id" in refused["note"][-1]["text"]
    assert secure_client.get(f"{BASE}/{janes.json['id']}", headers=jane.headers).json["state"] == "completed"
    shown = secure_client.get(f"{PRODUCTS}/{fibre['id']}", headers=jane.headers).json
    assert shown["status"] == "suspended"
    assert [p["id"] for p in secure_client.get(f"{PRODUCTS}?status=suspended", headers=jane.headers).json] == [
        fibre["id"]]
