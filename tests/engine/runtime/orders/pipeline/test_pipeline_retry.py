"""Auto tasks that fail: retried per the plan's policy at the planned time, or failed and recorded."""
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


def simple_plan_with(params, retry=None):
    def mutate(documents, bindings):
        bindings.pop("approval")
        plan = next(d for d in documents if d["key"] == "plan.simple")
        plan["body"]["tasks"][0]["params"] = params
        if retry:
            plan["body"]["tasks"][0]["retry"] = retry
    return mutate


def resource_task(client, order_id):
    order = client.get(f"/api/v1/orders/{order_id}").json
    resource = next(d for d in order["domainOrders"] if d["domain"] == "resource")
    return next(t for t in order["tasks"] if t["domainOrderId"] == resource["id"])


def test_a_transient_failure_is_retried_after_the_backoff(client, install_pack, worker, clock):
    install_pack(simple_plan_with({"failUntilAttempt": 2},
                                  {"maxAttempts": 3, "backoff": "PT30S", "multiplier": 2}))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    task = resource_task(client, order_id)
    assert (task["state"], task["attempt"]) == ("running", 2)
    assert "attempt 1 failed" in task["notes"][-1]["text"]
    clock.advance(seconds=29)
    worker.run_until_idle()
    assert resource_task(client, order_id)["state"] == "running"
    clock.advance(seconds=1)
    worker.run_until_idle()
    assert resource_task(client, order_id)["state"] == "completed"


def test_a_failure_without_retries_left_fails_the_task_and_is_audited(client, install_pack, worker):
    install_pack(simple_plan_with({"outcome": "fail", "error": "OLT refused"}))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    task = resource_task(client, order_id)
    assert task["state"] == "failed" and task["output"] == {"error": "OLT refused"}
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert order["state"] == "inProgress"
    failed = client.get(f"/api/v1/audit?action=task.failed&entityId={task['id']}").json
    assert failed and failed[0]["data"]["error"] == "OLT refused"

