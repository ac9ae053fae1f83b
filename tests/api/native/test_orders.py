"""The native order list, order detail (item count, first page of items, ETag), items page by page and the
trace: one list format, declared filters and sorts, customers narrowed to their own party."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from api.read.orders import ITEMS_IN_DETAIL
from engine.store.models import (
    CustomerOrder,
    DomainOrder,
    FalloutRecord,
    JeopardyState,
    OrderItem,
    OrderTraceEntry,
    Party,
    Task,
)

ORDERS = "/api/v1/orders"
DAY = datetime(2026, 1, 1, 9, tzinfo=UTC)
SUMMARY = {"id", "externalId", "state", "stage", "partyId", "partyName", "orderDate", "completionDate", "pack",
           "packKey", "packVersion", "itemCount", "jeopardy", "priority", "requestedCompletionDate", "revision",
           "pointOfNoReturn", "falloutCount"}


def _order(uow, order_id: str, party: str | None, day: int, state: str = "inProgress", items: int = 1,
           **payload):
    order = CustomerOrder(id=order_id, external_id=f"ext-{order_id}", party_id=party, state=state, stage=state,
                          payload={"huge": "x" * 1000, **payload}, order_date=DAY + timedelta(days=day),
                          updated_at=DAY, revision=2 if payload else 1)
    uow.session.add(order)
    uow.session.flush()
    uow.session.add_all(OrderItem(order_id=order_id, item_id=str(n + 1), position=n, action="add",
                                  offering_id="fibre-500", quantity=1, state="acknowledged" if n % 2 else "pending",
                                  payload={"id": str(n + 1), "product": {"productCharacteristic": [
                                      {"name": "speed", "value": n + 1}]}}) for n in range(items))


@pytest.fixture
def orders(runtime):
    """o-1 (cust-1, 3 items, high jeopardy), o-2 (cust-2, completed), o-3 (cust-1, 250 items)."""
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.add_all([Party(id="cust-1", name="Jane", created_at=DAY),
                             Party(id="cust-2", name="Joe", created_at=DAY)])
        uow.session.flush()
        _order(uow, "o-1", "cust-1", 0, items=3, priority="1", requestedCompletionDate="2026-02-01T00:00:00Z")
        _order(uow, "o-2", "cust-2", 1, state="completed")
        _order(uow, "o-3", "cust-1", 2, items=250)
        uow.session.flush()
        uow.session.add(JeopardyState(scope="order", subject_id="o-1", order_id="o-1", level="high", since=DAY,
                                      updated_at=DAY))
        uow.session.add_all(OrderTraceEntry(order_id="o-1", at=DAY + timedelta(minutes=n), stage=stage,
                                            inputs={"n": n}, decision=["ok"])
                            for n, stage in enumerate(("validation", "pricing", "pricing")))
        uow.session.add(DomainOrder(id="d-1", order_id="o-1", ref="service:fibre", domain="service", state="scheduled",
                                    depends_on=[], created_at=DAY, updated_at=DAY, payload={"lines": [
                                        {"id": f"{n}.fibre", "itemId": str(n), "specification": "spec-fibre",
                                         "quantity": 1, "characteristics": {"speed": n}, "rule": "product",
                                         "awaiting": []} for n in range(1, 4)]}))
        uow.session.add(DomainOrder(id="d-3", order_id="o-3", ref="service:fibre", domain="service",
                                    state="inProgress", depends_on=[], created_at=DAY, updated_at=DAY, payload={}))
        uow.session.flush()
        uow.session.add_all([_task("t-1", "o-1", "d-1", "install", "completed", True),
                             _task("t-2", "o-1", "d-1", "activate", "ready", False),
                             _task("t-3", "o-3", "d-3", "install", "waiting", True)])
        uow.session.flush()
        uow.session.add(FalloutRecord(id="f-1", order_id="o-3", task_id="t-3", type="technical", priority=2,
                                      assignment_group="g", state="open", error="boom", created_at=DAY))


def _task(task_id, order_id, domain_order_id, key, state, ponr):
    return Task(id=task_id, order_id=order_id, domain_order_id=domain_order_id, key=key, name=key, type="auto",
                state=state, point_of_no_return=ponr, created_at=DAY)


@pytest.fixture
def people(make_user):
    return {"agent": make_user("agent", "orderAgent"), "jane": make_user("jane", "customer", "cust-1"),
            "lost": make_user("lost", "customer", "cust-9"), "admin": make_user("admin", "processAdmin")}


def get(client, person, url, **query):
    return client.get(url, headers=person.headers, query_string=query)


def ids(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [o["id"] for o in response.json]


def test_the_list_shows_summaries_newest_first_with_item_counts(secure_client, orders, people):
    listed = get(secure_client, people["agent"], ORDERS)
    assert ids(listed) == ["o-3", "o-2", "o-1"] and listed.headers["X-Total-Count"] == "3"
    assert all(set(o) == SUMMARY for o in listed.json)
    first = listed.json[2]
    assert (first["itemCount"], first["partyName"], first["jeopardy"], first["orderDate"]) == (
        3, "Jane", "high", "2026-01-01T09:00:00.000Z")
    assert listed.json[0]["itemCount"] == 250 and listed.json[0]["jeopardy"] is None
    assert (first["priority"], first["requestedCompletionDate"], first["revision"], first["pointOfNoReturn"],
            first["falloutCount"]) == ("1", "2026-02-01T00:00:00Z", 2, True, 0)
    assert (listed.json[0]["pointOfNoReturn"], listed.json[0]["falloutCount"]) == (False, 1)


def test_the_detail_header_names_the_point_of_no_return_priority_and_open_fallouts(secure_client, orders,
                                                                                    people):
    head = get(secure_client, people["agent"], f"{ORDERS}/o-1").json
    assert (head["pointOfNoReturn"], head["priority"], head["requestedCompletionDate"], head["falloutCount"],
            head["revision"]) == (["install"], "1", "2026-02-01T00:00:00Z", 0, 2)
    other = get(secure_client, people["agent"], f"{ORDERS}/o-3").json
    assert (other["pointOfNoReturn"], other["falloutCount"], other["priority"]) == ([], 1, None)


@pytest.mark.parametrize("query,expected", [
    ({"state": "completed"}, ["o-2"]),
    ({"party": "cust-1", "sort": "orderDate"}, ["o-1", "o-3"]),
    ({"externalId": "ext-o-3"}, ["o-3"]),
    ({"jeopardy": "high"}, ["o-1"]),
    ({"orderDateFrom": "2026-01-02T09:00:00Z", "orderDateTo": "2026-01-03T09:00:00Z"}, ["o-2"]),
    ({"orderDateFrom": "2026-01-02T09:00:00"}, ["o-3", "o-2"]),
    ({"sort": "-id", "offset": 1, "limit": 1}, ["o-2"]),
    ({"sort": "state"}, ["o-2", "o-1", "o-3"]),
    ({"priority": "1"}, ["o-1"]),
    ({"pointOfNoReturn": "true"}, ["o-1"]),
    ({"pointOfNoReturn": "false"}, ["o-3", "o-2"]),
    ({"fallout": "true"}, ["o-3"]),
    ({"fallout": "false"}, ["o-2", "o-1"]),
    ({"revisionFrom": "2"}, ["o-1"]),
    ({"requestedCompletionFrom": "2026-01-31T00:00:00Z", "requestedCompletionTo": "2026-02-02"}, ["o-1"]),
    ({"requestedCompletionFrom": "2026-02-02T00:00:00Z"}, []),
    ({"sort": "-revision", "limit": 1}, ["o-1"]),
])
def test_filters_sorts_and_paging(secure_client, orders, people, query, expected):
    listed = get(secure_client, people["agent"], ORDERS, **query)
    assert ids(listed) == expected
    total = 3 if set(query) <= {"sort", "offset", "limit"} else len(expected)
    assert listed.headers["X-Total-Count"] == str(total) and listed.headers["X-Result-Count"] == str(len(expected))


@pytest.mark.parametrize("query", [{"sort": "payload"}, {"colour": "red"}, {"orderDateFrom": "soon"},
                                   {"limit": "0"}, {"pack": "x"}])
def test_unknown_sorts_filters_and_bad_values_are_400(secure_client, orders, people, query):
    refused = get(secure_client, people["agent"], ORDERS, **query)
    assert refused.status_code == 400 and refused.json["errors"][0]["parameter"] == next(iter(query))


def test_customers_see_only_their_own_partys_orders(secure_client, orders, people):
    assert ids(get(secure_client, people["jane"], ORDERS)) == ["o-3", "o-1"]
    assert ids(get(secure_client, people["jane"], ORDERS, party="cust-2")) == []
    assert ids(get(secure_client, people["lost"], ORDERS)) == []
    assert get(secure_client, people["jane"], f"{ORDERS}/o-2").status_code == 404
    assert get(secure_client, people["jane"], f"{ORDERS}/o-2/items").status_code == 404
    assert get(secure_client, people["jane"], f"{ORDERS}/o-1/trace").status_code == 403  # staff only
    assert get(secure_client, people["jane"], f"{ORDERS}/o-1").status_code == 200


def test_reading_orders_needs_a_caller(secure_client, orders, make_user):
    auditor = make_user("kim", "auditor")
    for url in (ORDERS, f"{ORDERS}/o-1", f"{ORDERS}/o-1/items", f"{ORDERS}/o-1/trace"):
        assert secure_client.get(url).status_code == 401
        assert get(secure_client, auditor, url).status_code == 200


def test_the_detail_holds_the_item_count_and_the_first_page_of_items(secure_client, orders, people):
    detail = get(secure_client, people["agent"], f"{ORDERS}/o-3")
    assert detail.status_code == 200 and detail.json["itemCount"] == 250
    assert len(detail.json["items"]) == ITEMS_IN_DETAIL and detail.json["items"][0] == {
        "id": "1", "action": "add", "productOffering": "fibre-500", "quantity": 1, "state": "pending",
        "characteristics": [{"name": "speed", "value": 1}]}
    assert "payload" not in detail.json and "huge" not in detail.get_data(as_text=True)
    cached = get(secure_client, people["agent"], f"{ORDERS}/o-3")
    assert cached.headers["ETag"] == detail.headers["ETag"]
    again = secure_client.get(f"{ORDERS}/o-3", headers={**people["agent"].headers,
                                                      "If-None-Match": detail.headers["ETag"]})
    assert again.status_code == 304
    assert get(secure_client, people["agent"], f"{ORDERS}/nope").status_code == 404


def test_items_page_through_with_filters_and_sorts(secure_client, orders, people):
    url = f"{ORDERS}/o-3/items"
    page = get(secure_client, people["agent"], url, offset=200, limit=100)
    assert page.headers["X-Total-Count"] == "250" and page.headers["X-Result-Count"] == "50"
    assert [i["id"] for i in page.json[:2]] == ["201", "202"]
    assert get(secure_client, people["agent"], url, state="pending").headers["X-Total-Count"] == "125"
    assert [i["id"] for i in get(secure_client, people["agent"], url, sort="-position", limit=2).json] == [
        "250", "249"]
    assert get(secure_client, people["agent"], url, sort="quantity").status_code == 400


def test_the_trace_is_a_list_in_the_order_it_happened(secure_client, orders, people):
    trace = get(secure_client, people["agent"], f"{ORDERS}/o-1/trace")
    assert [e["stage"] for e in trace.json] == ["validation", "pricing", "pricing"]
    assert trace.json[0] == {"at": "2026-01-01T09:00:00.000Z", "stage": "validation", "artifact": None,
                             "version": None, "rule": None, "inputs": {"n": 0}, "decision": ["ok"]}
    pricing = get(secure_client, people["agent"], f"{ORDERS}/o-1/trace", stage="pricing", sort="-at")
    assert pricing.headers["X-Total-Count"] == "2" and pricing.json[0]["inputs"] == {"n": 2}


def test_a_domain_orders_lines_page_through_and_are_not_in_the_detail(secure_client, orders, people):
    detail = get(secure_client, people["agent"], f"{ORDERS}/o-1").json
    assert [set(d) for d in detail["domainOrders"]] == [{"id", "ref", "domain", "fulfilmentSystem", "state",
                                                        "dependsOn", "plan", "planVersion", "missing"}]
    url = f"{ORDERS}/o-1/domain-orders/d-1/lines"
    page = get(secure_client, people["agent"], url, offset=1, limit=1)
    assert page.headers["X-Total-Count"] == "3" and page.json == [{
        "id": "2.fibre", "itemId": "2", "specification": "spec-fibre", "quantity": 1,
        "characteristics": {"speed": 2}, "rule": "product", "awaiting": []}]
    assert [line["itemId"] for line in get(secure_client, people["agent"], url, sort="-position").json] == [
        "3", "2", "1"]
    assert get(secure_client, people["agent"], f"{ORDERS}/o-2/domain-orders/d-1/lines").status_code == 404
    assert get(secure_client, people["jane"], url).status_code == 200
    assert get(secure_client, people["lost"], url).status_code == 404
