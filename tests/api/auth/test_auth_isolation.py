"""Customer data isolation: a customer sees only its own party's orders and products."""
import uuid

import pytest
from sqlalchemy import select

from engine.store.models import AuditEvent, CustomerOrder, Product

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
PRODUCTS = "/tmf-api/productInventory/v4/product"


def order_for(party: str | None = None) -> dict:
    body = {"productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": "fibre-500"}}]}
    if party:
        body["relatedParty"] = [{"id": party, "role": "Customer", "@referredType": "Organization"}]
    return body


@pytest.fixture
def people(make_user):
    return {"alice": make_user("alice", "customer", "party-a"), "bob": make_user("bob", "customer", "party-b"),
            "agent": make_user("agent", "orderAgent"), "approver": make_user("approver", "orderApprover")}


@pytest.fixture
def placed(secure_client, demo_pack, people):
    def place(who: str, party: str | None = None) -> str:
        response = secure_client.post(ORDERS, json=order_for(party), headers=people[who].headers)
        assert response.status_code == 201, response.json
        return response.json["id"]
    return place


def party_of(runtime, order_id: str) -> str | None:
    with runtime.reading() as session:
        return session.get(CustomerOrder, order_id).party_id


def test_each_customer_lists_and_reads_only_its_own_orders(secure_client, people, placed):
    mine, theirs = placed("alice"), placed("bob")
    listed = secure_client.get(ORDERS, headers=people["alice"].headers)
    assert [o["id"] for o in listed.json] == [mine] and listed.headers["X-Total-Count"] == "1"
    assert secure_client.get(f"{ORDERS}/{mine}", headers=people["alice"].headers).status_code == 200
    other = secure_client.get(f"{ORDERS}/{theirs}", headers=people["alice"].headers)
    assert other.status_code == 404 and other.json["@type"] == "Error"
    assert secure_client.patch(f"{ORDERS}/{theirs}", json={}, headers=people["alice"].headers).status_code == 404
    everyone = secure_client.get(ORDERS, headers=people["agent"].headers)
    assert everyone.headers["X-Total-Count"] == "2"


@pytest.mark.parametrize("suffix", ["", "/timeline", "/tracking", "/notes"])
def test_native_order_views_hide_another_partys_order(secure_client, people, placed, suffix):
    mine, theirs = placed("alice"), placed("bob")
    assert secure_client.get(f"/api/v1/orders/{mine}{suffix}", headers=people["alice"].headers).status_code == 200
    hidden = secure_client.get(f"/api/v1/orders/{theirs}{suffix}", headers=people["alice"].headers)
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    assert secure_client.get(f"/api/v1/orders/{theirs}{suffix}", headers=people["agent"].headers).status_code == 200


def test_the_trace_is_for_staff_customers_track_their_orders_instead(secure_client, people, placed):
    mine = placed("alice")
    refused = secure_client.get(f"/api/v1/orders/{mine}/trace", headers=people["alice"].headers)
    assert refused.status_code == 403 and "trace.read" in refused.json["detail"]
    assert secure_client.get(f"/api/v1/orders/{mine}/trace", headers=people["agent"].headers).status_code == 200
    assert secure_client.get(f"/api/v1/orders/{mine}/tracking", headers=people["alice"].headers).status_code == 200


def test_the_order_party_comes_from_the_customer_or_an_existing_related_party(secure_client, runtime, people,
                                                                               placed):
    first = placed("alice")
    assert party_of(runtime, first) == "party-a"
    with runtime.reading() as session:
        captured = session.execute(select(AuditEvent).where(AuditEvent.entity_id == first)).scalars().first()
    assert (captured.action, captured.actor) == ("order.captured", "alice")
    assert party_of(runtime, placed("alice", "party-a")) == "party-a"
    assert party_of(runtime, placed("agent", "party-b")) == "party-b"
    assert party_of(runtime, placed("agent", "no-such-party")) is None
    assert party_of(runtime, placed("agent")) is None
    refused = secure_client.post(ORDERS, json=order_for("party-b"), headers=people["alice"].headers)
    assert refused.status_code == 403 and "own party" in refused.json["message"]


def test_each_customer_lists_and_reads_only_its_own_products(secure_client, runtime, clock, people):
    ids = {}
    with runtime.unit_of_work(actor="test") as uow:
        for party in ("party-a", "party-b", None):
            ids[party] = str(uuid.uuid4())
            uow.session.add(Product(id=ids[party], party_id=party, offering_id="fibre-500", name="Fibre",
                                    status="active", created_at=clock.now(), updated_at=clock.now()))
    listed = secure_client.get(PRODUCTS, headers=people["alice"].headers)
    assert [p["id"] for p in listed.json] == [ids["party-a"]] and listed.headers["X-Total-Count"] == "1"
    for hidden in (ids["party-b"], ids[None]):
        assert secure_client.get(f"{PRODUCTS}/{hidden}", headers=people["alice"].headers).status_code == 404
    assert secure_client.get(f"{PRODUCTS}/{ids['party-a']}", headers=people["alice"].headers).status_code == 200
    assert secure_client.get(PRODUCTS, headers=people["agent"].headers).headers["X-Total-Count"] == "3"


def test_customers_cannot_use_the_workspace_queues_or_approvals(secure_client, people):
    headers = people["alice"].headers
    for method, url in [("GET", "/api/v1/tasks"), ("GET", "/api/v1/tasks/t1"), ("POST", "/api/v1/tasks/t1/claim"),
                        ("GET", "/api/v1/approvals"), ("POST", "/api/v1/approvals/a1/approve")]:
        assert secure_client.open(url, method=method, json={}, headers=headers).status_code == 403, url
    assert secure_client.get("/api/v1/approvals", headers=people["approver"].headers).status_code == 200
