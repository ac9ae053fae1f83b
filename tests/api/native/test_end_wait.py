"""POST /api/v1/tasks/{id}/end-wait: managers end a waitUntil timer early, with a reason."""
from __future__ import annotations

import pytest

from engine.runtime.tasks import groups
from tests.rulepacks.telco_demo_driver import BASE, example


@pytest.fixture
def users(make_user, runtime):
    made = {role: make_user(role, role) for role in ("orderAgent", "fulfillmentAgent", "orderManager",
                                                     "fulfillmentManager", "orderApprover", "falloutAgent")}
    with runtime.unit_of_work(actor="test") as uow:  # the technician works the field-south queue
        groups.staff_groups(uow, ["field-south"], ["fulfillmentAgent"])
    return made


@pytest.fixture
def donor_wait(secure_client, demo_pack, worker, users):
    """(order id, waiting await-donor task) of fibre-voip-port-in, the technician's work done."""
    agent = users["orderAgent"].headers
    order_id = secure_client.post(BASE, json=example("fibre-voip-port-in"), headers=agent).json["id"]
    worker.run_until_idle()
    fitter = users["fulfillmentAgent"].headers
    work_order = secure_client.get(f"/api/v1/tasks?orderId={order_id}&group=field-south", headers=fitter).json
    done = secure_client.post(f"/api/v1/tasks/{work_order[0]['id']}/complete", json={}, headers=fitter)
    assert done.status_code == 200
    worker.run_until_idle()
    tasks = secure_client.get(f"/api/v1/orders/{order_id}", headers=agent).json["tasks"]
    return order_id, {t["key"]: t for t in tasks}


def end_wait(client, task_id: str, user, body) -> object:
    return client.post(f"/api/v1/tasks/{task_id}/end-wait", json=body, headers=user.headers)


@pytest.mark.parametrize("manager", ["orderManager", "fulfillmentManager"])
def test_a_manager_ends_the_wait_and_the_order_completes(secure_client, donor_wait, users, worker, manager):
    order_id, tasks = donor_wait
    ended = end_wait(secure_client, tasks["await-donor"]["id"], users[manager], {"reason": "donor released early"})
    assert ended.status_code == 200
    assert (ended.json["state"], ended.json["output"]["endedEarlyBy"], ended.json["output"]["reason"]) == (
        "completed", manager, "donor released early")
    worker.run_until_idle()
    order = secure_client.get(f"/api/v1/orders/{order_id}", headers=users[manager].headers).json
    assert order["state"] == "completed"


@pytest.mark.parametrize("role", ["orderAgent", "fulfillmentAgent", "orderApprover", "falloutAgent"])
def test_other_roles_may_not_end_a_wait(secure_client, donor_wait, users, role):
    _, tasks = donor_wait
    refused = end_wait(secure_client, tasks["await-donor"]["id"], users[role], {"reason": "impatient"})
    assert refused.status_code == 403 and "task.endWait" in refused.json["detail"]
    assert secure_client.get(f"/api/v1/tasks/{tasks['await-donor']['id']}",
                             headers=users["orderManager"].headers).json["state"] == "waiting"


def test_no_credentials_is_401(secure_client, donor_wait):
    _, tasks = donor_wait
    assert secure_client.post(f"/api/v1/tasks/{tasks['await-donor']['id']}/end-wait",
                              json={"reason": "x"}).status_code == 401


def test_a_reason_is_required_and_only_a_waiting_timer_can_end(secure_client, donor_wait, users):
    _, tasks = donor_wait
    manager = users["fulfillmentManager"]
    for body in ({}, {"reason": " "}, {"reason": 7}):
        missing = end_wait(secure_client, tasks["await-donor"]["id"], manager, body)
        assert missing.status_code == 422 and missing.mimetype == "application/problem+json"
        assert missing.json["errors"][0]["pointer"] == "/reason"
    for data, status in (("[1", 400), ("[1]", 422)):
        not_json = secure_client.post(f"/api/v1/tasks/{tasks['await-donor']['id']}/end-wait", data=data,
                                      content_type="application/json", headers=manager.headers)
        assert not_json.status_code == status, data
    for key in ("install-south", "cutover", "submit-port"):  # completed work order, pending auto, completed auto
        conflict = end_wait(secure_client, tasks[key]["id"], manager, {"reason": "go"})
        assert conflict.status_code == 409 and conflict.mimetype == "application/problem+json", key
    assert end_wait(secure_client, "nope", manager, {"reason": "go"}).status_code == 404
    assert end_wait(secure_client, tasks["await-donor"]["id"], manager, {"reason": "go"}).status_code == 200
    assert end_wait(secure_client, tasks["await-donor"]["id"], manager, {"reason": "again"}).status_code == 409


def test_the_endpoint_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/tasks/{task_id}/end-wait"]["post"]
    assert operation["x-permission"] == "task.endWait"
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert document["components"]["schemas"][ref.rsplit("/", 1)[1]]["required"] == ["reason"]
