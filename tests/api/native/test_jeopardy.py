"""The jeopardy API: the board's filters, the alerts list, acknowledging, and who may see what."""
from tests.engine.runtime.jeopardy.conftest import no_approval, with_rules
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

ALERTS = "/api/v1/jeopardy/alerts"


def total(response) -> int:
    assert response.status_code == 200, response.json
    return int(response.headers["X-Total-Count"])


def test_alerts_filter_and_are_acknowledged_once(client, scanning, at):
    order_id = scanning(with_rules)
    at(days=3)
    at(days=5)
    listed = client.get(f"{ALERTS}?orderId={order_id}")
    assert total(listed) == 2 and [a["level"] for a in listed.json] == ["high", "low"]
    high = listed.json[0]
    assert (high["previousLevel"], high["assignmentGroup"], high["escalatedTo"]) == ("low", "field-north",
                                                                                       "field-dispatch")
    assert [a["action"] for a in high["actions"]] == ["alert", "escalate", "notify"] and high["eventId"]
    assert client.get(f"{ALERTS}?escalatedTo=field-dispatch").headers["X-Total-Count"] == "1"
    assert client.get(f"{ALERTS}?group=field-south").headers["X-Total-Count"] == "0"
    assert client.get(f"{ALERTS}?level=low&acknowledged=false").headers["X-Total-Count"] == "1"
    done = client.post(f"{ALERTS}/{high['id']}/acknowledge", json={"comment": "dispatcher called"})
    assert done.status_code == 200 and done.json["acknowledgedBy"] == "anonymous" and done.json["acknowledgedAt"]
    assert client.post(f"{ALERTS}/{high['id']}/acknowledge").status_code == 409
    assert client.get(f"{ALERTS}?acknowledged=true").json[0]["id"] == high["id"]
    assert client.post(f"{ALERTS}/nope/acknowledge").status_code == 404
    assert client.get(f"{ALERTS}?level=severe").status_code == 400
    assert client.get(f"{ALERTS}?acknowledged=maybe").status_code == 400
    assert client.post(f"{ALERTS}/{high['id']}/acknowledge", json={"comment": 3}).status_code == 422


def test_the_board_shows_escalations_and_filters_by_level_group_and_age(client, scanning, at):
    order_id = scanning(with_rules)
    at(days=5)
    [row] = client.get("/api/v1/jeopardy").json
    assert (row["orderId"], row["level"], row["escalatedTo"]) == (order_id, "high", ["field-dispatch"])
    assert row["tasks"][0]["key"] == "install" and row["tasks"][0]["assignmentGroup"] == "field-north"
    assert row["ageSeconds"] == 5 * 86400
    assert client.get("/api/v1/jeopardy?group=field-north").headers["X-Total-Count"] == "1"
    assert client.get("/api/v1/jeopardy?group=field-south").headers["X-Total-Count"] == "0"
    assert client.get("/api/v1/jeopardy?minAge=P4D&level=high").headers["X-Total-Count"] == "1"
    assert client.get("/api/v1/jeopardy?minAge=P6D").headers["X-Total-Count"] == "0"
    assert client.get("/api/v1/jeopardy?level=critical").headers["X-Total-Count"] == "0"
    assert client.get("/api/v1/jeopardy?minAge=soon").status_code == 400
    at(days=6)  # critical: the rules moved the work order to field-rapid
    assert client.get("/api/v1/jeopardy?group=field-rapid&level=critical").headers["X-Total-Count"] == "1"


def test_customers_see_their_own_orders_jeopardy_and_no_alerts(secure_client, install_pack, worker, clock,
                                                                make_user):
    install_pack(no_approval)
    alice, bob = make_user("alice", "customer", "party-a"), make_user("bob", "customer", "party-b")
    agent, manager = make_user("agent", "fulfillmentAgent"), make_user("manager", "fulfillmentManager")
    mine = fibre_order(relatedParty=[{"id": "party-a", "role": "customer", "@referredType": "Individual"}])
    posted = secure_client.post(BASE, json=mine, headers=alice.headers)
    assert posted.status_code == 201, posted.json
    order_id = posted.json["id"]
    worker.run_until_idle()
    worker.schedule_periodic()
    clock.advance(days=3)
    worker.run_until_idle()
    assert secure_client.get(f"/api/v1/orders/{order_id}/jeopardy", headers=alice.headers).json["level"] == "low"
    assert secure_client.get(f"/api/v1/orders/{order_id}/jeopardy", headers=bob.headers).status_code == 404
    assert secure_client.get(ALERTS, headers=alice.headers).status_code == 403
    assert secure_client.get("/api/v1/jeopardy", headers=alice.headers).status_code == 403
    [alert] = secure_client.get(ALERTS, headers=agent.headers).json
    assert secure_client.post(f"{ALERTS}/{alert['id']}/acknowledge", headers=alice.headers).status_code == 403
    assert secure_client.post(f"{ALERTS}/{alert['id']}/acknowledge", headers=agent.headers).status_code == 403
    done = secure_client.post(f"{ALERTS}/{alert['id']}/acknowledge", headers=manager.headers)
    assert done.status_code == 200 and done.json["acknowledgedBy"] == "manager"


def test_alerts_page_sort_and_one_alert_has_an_etag(client, scanning, at):
    order_id = scanning(with_rules)
    at(days=3)
    at(days=5)
    page = client.get(f"{ALERTS}?limit=1&sort=createdAt")
    assert (total(page), page.headers["X-Result-Count"], page.json[0]["level"]) == (2, "1", "low")
    assert [a["level"] for a in client.get(f"{ALERTS}?offset=1").json] == ["low"]
    assert set(page.json[0]) == {"id", "orderId", "taskId", "scope", "level", "previousLevel", "percentOfSla",
                                 "assignmentGroup", "escalatedTo", "reason", "actions", "eventId", "createdAt",
                                 "acknowledgedBy", "acknowledgedAt"}
    for bad in ("sort=level", "colour=red", "limit=0"):
        assert client.get(f"{ALERTS}?{bad}").status_code == 400, bad
    url = f"{ALERTS}/{page.json[0]['id']}"
    one = client.get(url)
    assert one.json == page.json[0] and client.get(url, headers={"If-None-Match": one.headers["ETag"]}
                                                    ).status_code == 304
    done = client.post(f"{url}/acknowledge", json={"comment": "seen"})
    assert done.headers["ETag"] == client.get(url).headers["ETag"] != one.headers["ETag"]
    assert client.get(f"{ALERTS}/nope").status_code == 404
    assert client.post(f"{url}/acknowledge", json={"note": "x"}).json["errors"][0]["pointer"] == "/note"
    jeopardy = client.get(f"/api/v1/orders/{order_id}/jeopardy")
    assert client.get(f"/api/v1/orders/{order_id}/jeopardy",
                      headers={"If-None-Match": jeopardy.headers["ETag"]}).status_code == 304


def test_the_board_pages_and_refuses_unknown_parameters(client, scanning, at):
    order_id = scanning(with_rules)
    at(days=5)
    board = client.get("/api/v1/jeopardy?limit=1&sort=-ageSeconds")
    assert [row["orderId"] for row in board.json] == [order_id] and board.headers["X-Unassessed-Count"] == "0"
    assert client.get("/api/v1/jeopardy?offset=1").json == [] and total(client.get("/api/v1/jeopardy?offset=1")) == 1
    assert client.get("/api/v1/jeopardy/unassessed").json == []
    for bad in ("sort=severity", "colour=red", "level=severe", "minAge=soon"):
        refused = client.get(f"/api/v1/jeopardy?{bad}")
        assert refused.status_code == 400 and refused.json["errors"], bad
