"""Fallout: a failed auto task goes through the fallout rules to a record an agent resolves."""
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order, simple_plan

RULES = {"kind": "fallout_rules", "key": "fallout.mini", "schemaVersion": 1, "title": "fallout", "tests": [],
         "body": {"falloutTypes": ["inventory allocation", "provisioning"], "firstMatchOnly": True, "rules": [
             {"name": "transient", "when": {"m": {"errorType": "transient"}},
              "then": [{"action": "retry", "params": {"backoffSeconds": 60, "maxAttempts": 3}}]},
             {"name": "allocation", "when": {"m": {"errorType": "inventory"}},
              "then": [{"action": "createFallout", "params": {"type": "inventory allocation", "priority": 2,
                                                               "assignmentGroup": "inventory-team"}}]}]}}


def failing_resource_task(error, with_rules=True):
    def mutate(documents, bindings):
        bindings.pop("approval")
        failing = simple_plan("plan.failing")
        failing["body"]["tasks"][0]["params"] = {"outcome": "fail", "error": error}
        documents.append(failing)
        bindings["orchestration"]["resource"] = failing["key"]
        if with_rules:
            documents.append(RULES)
            bindings["fallout"] = RULES["key"]
    return mutate


def place(client, worker):
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def test_an_allocation_failure_opens_a_record_for_the_inventory_team(client, install_pack, worker):
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = place(client, worker)
    records = client.get("/api/v1/fallout").json
    assert [(r["orderId"], r["type"], r["priority"], r["assignmentGroup"]) for r in records] == [
        (order_id, "inventory allocation", 2, "inventory-team")]
    assert records[0]["details"]["rules"] == ["allocation"]
    summary = client.get("/api/v1/fallout/summary").json
    assert summary["open"] == 1 and summary["byGroup"] == {"inventory-team": 1} and summary["byAge"] == {"<1h": 1}


def test_transient_failures_are_retried_by_the_rules_then_end_in_a_default_record(client, install_pack, worker,
                                                                                   clock):
    install_pack(failing_resource_task("OLT timed out"))
    place(client, worker)
    assert client.get("/api/v1/fallout").json == []
    clock.advance(seconds=60)
    worker.run_until_idle()
    clock.advance(seconds=120)
    worker.run_until_idle()
    records = client.get("/api/v1/fallout").json
    assert len(records) == 1 and records[0]["assignmentGroup"] == "fallout"
    assert records[0]["details"]["attempt"] == 3


def test_without_fallout_rules_a_failure_still_gets_an_owner(client, install_pack, worker):
    install_pack(failing_resource_task("HSS rejected", with_rules=False))
    place(client, worker)
    assert [r["type"] for r in client.get("/api/v1/fallout").json] == ["provisioning"]


def test_force_complete_resolves_the_record_and_the_order_goes_on(client, install_pack, worker):
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = place(client, worker)
    record = client.get("/api/v1/fallout").json[0]
    assert client.post(f"/api/v1/fallout/{record['id']}/force-complete", json={}).status_code == 422
    done = client.post(f"/api/v1/fallout/{record['id']}/force-complete", json={"reason": "port patched by hand"})
    assert done.status_code == 200 and done.json["resolution"] == "forceCompleted"
    order = client.get(f"/api/v1/orders/{order_id}").json
    forced = next(t for t in order["tasks"] if t["id"] == record["taskId"])
    assert forced["state"] == "completed" and forced["output"]["reason"] == "port patched by hand"
    assert client.post(f"/api/v1/fallout/{record['id']}/retry").status_code == 409
    assert client.get("/api/v1/fallout").json == []


def test_retry_runs_the_task_again_and_a_new_failure_opens_a_new_record(client, install_pack, worker):
    install_pack(failing_resource_task("no port left to reserve"))
    place(client, worker)
    first = client.get("/api/v1/fallout").json[0]
    retried = client.post(f"/api/v1/fallout/{first['id']}/retry")
    assert retried.status_code == 200 and retried.json["resolution"] == "retried"
    again = client.get("/api/v1/fallout").json
    assert len(again) == 1 and again[0]["id"] != first["id"] and again[0]["details"]["attempt"] == 2
    assert client.post("/api/v1/fallout/nope/retry").status_code == 404
