"""Approvals decided in bulk (one outcome per id, each in its own transaction) and what the inbox shows of
each: the order's totals and the policy row that asked."""
from tests.api.native import test_approvals_inbox as single
from tests.api.native.test_approvals_inbox import APPROVALS, credit_check, inbox
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

people = single.people  # one user per approving role, an order agent, an auditor and a customer

DECIDE = f"{APPROVALS}/decide"


def place_orders(client, install_pack, worker, people, count, policy_role):
    install_pack(credit_check(policy_role=policy_role))
    ids = []
    for n in range(count):
        posted = client.post(BASE, json=fibre_order(externalId=f"bulk-{n}"), headers=people["orderAgent"].headers)
        assert posted.status_code == 201, posted.json
        ids.append(posted.json["id"])
    worker.run_until_idle()
    return ids


def test_the_inbox_shows_totals_and_the_policy_row_that_asked(secure_client, install_pack, worker, people):
    [order_id] = place_orders(secure_client, install_pack, worker, people, 1, "orderApprover")
    [entry] = inbox(secure_client, people["orderApprover"])
    assert entry["orderId"] == order_id and entry["orderExternalId"] == "bulk-0"
    assert entry["rule"]["row"] == "all" and entry["rule"]["artifact"] and entry["rule"]["version"] >= 1
    assert entry["totals"] and all(isinstance(t["amount"], str) for t in entry["totals"])
    assert entry["priceDelta"] is None


def test_bulk_decide_gives_one_outcome_per_id(secure_client, install_pack, worker, people):
    place_orders(secure_client, install_pack, worker, people, 2, "orderApprover")
    first, second = (e["id"] for e in inbox(secure_client, people["orderApprover"]))
    body = {"ids": [first, second, "nope"], "decision": "approve", "comment": "checked both"}
    decided = secure_client.post(DECIDE, json=body, headers=people["orderApprover"].headers)
    assert decided.status_code == 200, decided.json
    assert decided.json["decided"] == 2
    assert [(r["id"], r["outcome"], r["status"]) for r in decided.json["results"]] == [
        (first, "decided", 200), (second, "decided", 200), ("nope", "notFound", 404)]
    assert {r["approval"]["comment"] for r in decided.json["results"][:2]} == {"checked both"}
    assert {r["approval"]["state"] for r in decided.json["results"][:2]} == {"approved"}
    again = secure_client.post(DECIDE, json={**body, "ids": [first]}, headers=people["orderApprover"].headers)
    assert again.json["results"][0]["outcome"] == "conflict" and "already decided" in again.json["results"][0]["detail"]


def test_an_approver_without_the_role_gets_a_forbidden_outcome_per_id(secure_client, install_pack, worker, people):
    place_orders(secure_client, install_pack, worker, people, 1, "fulfillmentManager")
    [entry] = inbox(secure_client, people["fulfillmentManager"])
    body = {"ids": [entry["id"]], "decision": "reject", "comment": "no"}
    refused = secure_client.post(DECIDE, json=body, headers=people["orderApprover"].headers)
    assert refused.status_code == 200 and refused.json["decided"] == 0
    [outcome] = refused.json["results"]
    assert outcome["outcome"] == "forbidden" and outcome["status"] == 403
    assert "addressed to role 'fulfillmentManager'" in outcome["detail"]
    assert secure_client.post(DECIDE, json=body, headers=people["orderAgent"].headers).status_code == 403
    assert secure_client.post(DECIDE, json=body, headers=people["customer"].headers).status_code == 403
    bad = secure_client.post(DECIDE, json={"ids": [], "decision": "maybe"}, headers=people["orderApprover"].headers)
    assert bad.status_code == 422 and {e["pointer"] for e in bad.json["errors"]} == {"/ids", "/decision"}
    assert [e["state"] for e in inbox(secure_client, people["fulfillmentManager"])] == ["pending"]
