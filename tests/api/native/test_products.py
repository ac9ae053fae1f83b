"""Native products: a customer's inventory with contract and monthly price; changes previewed (the
early-termination charge of a disconnect) and captured as change orders; another party's product is a 404."""
from sqlalchemy import func, select

from engine.store.models import AuditEvent, CustomerOrder
from tests.rulepacks.telco_demo_driver import BASE, example

PRODUCTS = "/api/v1/products"


def fibre_product(client, worker, person) -> dict:
    placed = client.post(BASE, json=example("fibre-500"), headers=person.headers)
    assert placed.status_code == 201, placed.json
    worker.run_until_idle()
    [product] = client.get(PRODUCTS, headers=person.headers).json
    return product


def test_a_customer_sees_its_products_with_contract_and_price(secure_client, make_user, demo_pack, worker):
    jane = make_user("jane", "customer", party="cust-0042")
    product = fibre_product(secure_client, worker, jane)
    assert product["offering"] == "fibre-500" and product["status"] == "active"
    assert product["contract"]["termMonths"] == 24 and product["contract"]["endDate"].endswith("Z")
    assert float(product["monthlyPrice"]) > 0 and product["currency"] == "EUR"
    assert product["characteristics"]["bandwidth"] == "500M"
    one = secure_client.get(f"{PRODUCTS}/{product['id']}", headers=jane.headers)
    assert one.status_code == 200 and one.json == product
    assert secure_client.get(f"{PRODUCTS}?status=suspended", headers=jane.headers).json == []
    manager = make_user("boss", "orderManager")
    assert [p["id"] for p in secure_client.get(f"{PRODUCTS}?party=cust-0042", headers=manager.headers).json] == [
        product["id"]]


def test_a_disconnect_preview_shows_the_early_termination_charge_and_stores_nothing(
        secure_client, make_user, demo_pack, worker, runtime):
    jane = make_user("jane", "customer", party="cust-0042")
    product = fibre_product(secure_client, worker, jane)
    with runtime.reading() as session:
        before = (session.scalar(select(func.count()).select_from(CustomerOrder)),
                  session.scalar(select(func.count()).select_from(AuditEvent)))
    preview = secure_client.post(f"{PRODUCTS}/{product['id']}/change-preview", json={"action": "disconnect"},
                                 headers=jane.headers)
    assert preview.status_code == 200, preview.json
    assert preview.json["accepted"] is True
    charge = float(preview.json["price"]["oneTimeTotal"])
    assert charge > 0
    assert any(line["priceType"] == "oneTime" for line in preview.json["price"]["lines"])
    with runtime.reading() as session:
        assert (session.scalar(select(func.count()).select_from(CustomerOrder)),
                session.scalar(select(func.count()).select_from(AuditEvent))) == before


def test_a_customer_suspends_its_product_through_a_change_order(secure_client, make_user, demo_pack, worker):
    jane = make_user("jane", "customer", party="cust-0042")
    product = fibre_product(secure_client, worker, jane)
    url = f"{PRODUCTS}/{product['id']}/changes"
    headers = {**jane.headers, "Idempotency-Key": "suspend-1"}
    placed = secure_client.post(url, json={"action": "suspend"}, headers=headers)
    assert placed.status_code == 201, placed.json
    worker.run_until_idle()
    again = secure_client.post(url, json={"action": "suspend"}, headers=headers)
    assert again.status_code == 201 and again.json["id"] == placed.json["id"] and again.json["replayed"] is True
    assert secure_client.get(f"{PRODUCTS}/{product['id']}", headers=jane.headers).json["status"] == "suspended"
    refused = secure_client.post(url, json={"action": "suspend"}, headers=jane.headers)
    assert refused.status_code == 422
    assert refused.json["errors"][0]["pointer"] == "/items/0/action"


def test_a_modify_preview_shows_the_monthly_delta(secure_client, make_user, demo_pack, worker):
    jane = make_user("jane", "customer", party="cust-0042")
    product = fibre_product(secure_client, worker, jane)
    preview = secure_client.post(f"{PRODUCTS}/{product['id']}/change-preview",
                                 json={"action": "modify", "characteristics": {"term": 36}}, headers=jane.headers)
    assert preview.status_code == 200, preview.json
    assert preview.json["accepted"] is True
    assert float(preview.json["price"]["recurringTotal"]) != 0


def test_another_partys_product_is_unknown_to_a_customer(secure_client, make_user, demo_pack, worker):
    jane = make_user("jane", "customer", party="cust-0042")
    eve = make_user("eve", "customer", party="cust-9999")
    product = fibre_product(secure_client, worker, jane)
    assert secure_client.get(PRODUCTS, headers=eve.headers).json == []
    assert secure_client.get(f"{PRODUCTS}/{product['id']}", headers=eve.headers).status_code == 404
    for path in ("change-preview", "changes"):
        answer = secure_client.post(f"{PRODUCTS}/{product['id']}/{path}", json={"action": "disconnect"},
                                    headers=eve.headers)
        assert answer.status_code == 404
    agent = make_user("fa", "fulfillmentAgent")
    assert secure_client.post(f"{PRODUCTS}/{product['id']}/changes", json={"action": "disconnect"},
                              headers=agent.headers).status_code == 403
