"""waitUntil tasks: a fixed wait, or an ``until`` date-time computed by the plan."""
import pytest

from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


def plan_with_wait(**wait):
    def mutate(documents, bindings):
        bindings.pop("approval")
        plan = next(d for d in documents if d["key"] == "plan.simple")
        plan["body"]["tasks"].append({"key": "hold", "name": "Hold", "type": "waitUntil", **wait})
        plan["body"]["tasks"][0]["dependsOn"] = ["hold"]
    return mutate


def resource_tasks(client, order_id):
    order = client.get(f"/api/v1/orders/{order_id}").json
    resource = next(d for d in order["domainOrders"] if d["domain"] == "resource")
    return {t["key"]: t for t in order["tasks"] if t["domainOrderId"] == resource["id"]}


@pytest.mark.parametrize("wait,due", [
    ({"wait": "PT36H"}, "2026-01-02T21:00:00.000Z"),
    ({"until": "2026-01-03T09:00:00Z"}, "2026-01-03T09:00:00.000Z"),
])
def test_a_wait_until_task_wakes_at_its_time(client, install_pack, worker, clock, wait, due):
    install_pack(plan_with_wait(**wait))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    tasks = resource_tasks(client, order_id)
    assert (tasks["hold"]["state"], tasks["hold"]["dueAt"]) == ("waiting", due)
    assert tasks["activate"]["state"] == "pending"
    clock.advance(hours=35)
    worker.run_until_idle()
    assert resource_tasks(client, order_id)["hold"]["state"] == "waiting"
    clock.advance(hours=13)
    worker.run_until_idle()
    tasks = resource_tasks(client, order_id)
    assert (tasks["hold"]["state"], tasks["activate"]["state"]) == ("completed", "completed")
