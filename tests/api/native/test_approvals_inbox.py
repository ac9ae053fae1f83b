"""One approvals inbox: order-level approvals and plan approval tasks, each decided by its role (and group)."""
import pytest
from sqlalchemy import select

from engine.runtime.tasks.groups import add_member, create_group
from engine.store.models import FalloutRecord
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

APPROVALS = "/api/v1/approvals"


@pytest.fixture
def people(make_user):
    return {role: make_user(role, role, "cust-1" if role == "customer" else None)
            for role in ("fulfillmentManager", "orderApprover", "orderManager", "orderAgent", "auditor", "customer")}


def credit_check(role="fulfillmentManager", group=None, policy_role=None):
    """The mini pack with its plan's ``credit`` approval task always included, for ``role`` (and ``group``);
    with ``policy_role`` every order first needs an order-level approval by that role."""
    def mutate(documents, bindings):
        plan = next(d for d in documents if d["key"] == bindings["orchestration"]["service"])
        credit = next(t for t in plan["body"]["tasks"] if t["key"] == "credit")
        credit.pop("condition")
        credit["role"] = role
        plan["tests"] = []
        if group:
            credit["assignmentGroup"] = group
        index = next(i for i, d in enumerate(documents) if d["key"] == bindings["approval"])
        if policy_role:
            table = documents[index]
            documents[index] = {**table, "body": {**table["body"], "rules": [
                {"id": "all", "inputEntries": ["-"], "outputEntries": ["approvalTask", policy_role, "every order"]}]}}
        else:
            bindings.pop("approval")
    return mutate


@pytest.fixture
def placed(secure_client, install_pack, worker, people):
    def place(**pack):
        install_pack(credit_check(**pack))
        posted = secure_client.post(BASE, json=fibre_order(), headers=people["orderAgent"].headers)
        assert posted.status_code == 201, posted.json
        worker.run_until_idle()
        return posted.json["id"]
    return place


def inbox(client, person):
    response = client.get(APPROVALS, headers=person.headers)
    assert response.status_code == 200, response.json
    return response.json


def decide(client, person, approval_id, verdict="approve", comment="checked"):
    return client.post(f"{APPROVALS}/{approval_id}/{verdict}", json={"comment": comment}, headers=person.headers)


def order_detail(client, people, order_id):
    return client.get(f"/api/v1/orders/{order_id}", headers=people["auditor"].headers).json


def test_a_plan_approval_task_is_in_the_inbox_of_its_role_and_decided_there(secure_client, people, placed, worker):
    order_id = placed()
    [entry] = inbox(secure_client, people["fulfillmentManager"])
    assert (entry["kind"], entry["orderId"], entry["role"], entry["state"], entry["taskKey"]) == (
        "task", order_id, "fulfillmentManager", "pending", "credit")
    assert inbox(secure_client, people["orderApprover"]) == []
    assert [e["id"] for e in inbox(secure_client, people["auditor"])] == [entry["id"]]
    wrong = decide(secure_client, people["orderApprover"], entry["id"])
    assert wrong.status_code == 403 and "addressed to role 'fulfillmentManager', not 'orderApprover'" in \
        wrong.json["detail"]
    assert decide(secure_client, people["orderAgent"], entry["id"]).status_code == 403
    assert decide(secure_client, people["customer"], entry["id"]).status_code == 403
    done = decide(secure_client, people["fulfillmentManager"], entry["id"])
    assert done.status_code == 200
    assert (done.json["kind"], done.json["state"], done.json["decidedBy"]) == ("task", "approved", "fulfillmentManager")
    worker.run_until_idle()
    tasks = {t["key"]: t for t in order_detail(secure_client, people, order_id)["tasks"]}
    assert tasks["credit"]["state"] == "completed" and tasks["credit"]["output"]["approved"] is True
    assert tasks["install"]["state"] == "waiting"
    again = decide(secure_client, people["fulfillmentManager"], entry["id"])
    assert again.status_code == 409 and "not pending" in again.json["detail"]
    assert inbox(secure_client, people["fulfillmentManager"]) == []


def test_rejecting_a_plan_approval_fails_the_task_into_fallout(secure_client, people, placed, runtime):
    order_id = placed()
    [entry] = inbox(secure_client, people["fulfillmentManager"])
    rejected = decide(secure_client, people["fulfillmentManager"], entry["id"], "reject", "no credit")
    assert rejected.status_code == 200 and rejected.json["state"] == "rejected"
    tasks = {t["key"]: t for t in order_detail(secure_client, people, order_id)["tasks"]}
    assert (tasks["credit"]["state"], tasks["install"]["state"]) == ("failed", "pending")
    with runtime.reading() as session:
        record = session.execute(select(FalloutRecord).where(FalloutRecord.task_id == entry["id"])).scalar_one()
    assert record.error == "not approved by fulfillmentManager: no credit"


def test_the_tasks_path_enforces_the_approval_role_too(secure_client, people, placed):
    placed(role="orderManager")
    [entry] = inbox(secure_client, people["orderManager"])
    refused = secure_client.post(f"/api/v1/tasks/{entry['id']}/complete", json={},
                                 headers=people["fulfillmentManager"].headers)
    assert refused.status_code == 403 and "approval for role 'orderManager'" in refused.json["detail"]
    assert secure_client.post(f"/api/v1/tasks/{entry['id']}/complete", json={},
                              headers=people["orderManager"].headers).status_code == 200


def test_a_group_addressed_approval_needs_a_member_of_the_group(secure_client, people, placed, runtime):
    placed(group="credit-desk")
    assert inbox(secure_client, people["fulfillmentManager"]) == []
    [entry] = inbox(secure_client, people["auditor"])
    refused = decide(secure_client, people["fulfillmentManager"], entry["id"])
    assert refused.status_code == 403 and "assignment group 'credit-desk'" in refused.json["detail"]
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "credit-desk")
        add_member(uow, "credit-desk", "fulfillmentManager")
    assert [e["group"] for e in inbox(secure_client, people["fulfillmentManager"])] == ["credit-desk"]
    assert decide(secure_client, people["fulfillmentManager"], entry["id"]).status_code == 200


def test_a_fulfillment_manager_decides_order_approvals_addressed_to_its_role(secure_client, people, placed):
    order_id = placed(policy_role="fulfillmentManager")
    [entry] = inbox(secure_client, people["fulfillmentManager"])
    assert (entry["kind"], entry["orderId"], entry["reason"], entry["taskId"]) == ("order", order_id,
                                                                                    "every order", None)
    refused = decide(secure_client, people["orderApprover"], entry["id"])
    assert refused.status_code == 403 and "addressed to role 'fulfillmentManager'" in refused.json["detail"]
    approved = decide(secure_client, people["fulfillmentManager"], entry["id"])
    assert approved.status_code == 200 and approved.json["state"] == "approved"
    assert order_detail(secure_client, people, order_id)["state"] == "inProgress"


def test_an_order_approver_decides_only_its_own_order_approvals(secure_client, people, placed):
    order_id = placed(policy_role="orderApprover")
    assert inbox(secure_client, people["fulfillmentManager"]) == []
    [entry] = inbox(secure_client, people["orderApprover"])
    assert decide(secure_client, people["fulfillmentManager"], entry["id"]).status_code == 403
    assert decide(secure_client, people["orderApprover"], entry["id"], "reject").json["state"] == "rejected"
    assert order_detail(secure_client, people, order_id)["state"] == "rejected"
    assert decide(secure_client, people["orderApprover"], entry["id"]).status_code == 409


def test_the_inbox_is_a_list_with_declared_filters_and_decisions_refuse_bad_bodies(secure_client, people, placed,
                                                                                    worker):
    order_id = placed(policy_role="fulfillmentManager")
    manager = people["fulfillmentManager"]
    listed = secure_client.get(APPROVALS, headers=manager.headers)
    assert listed.headers["X-Total-Count"] == "1" and set(listed.json[0]) == {
        "id", "kind", "orderId", "role", "reason", "state", "decidedBy", "comment", "createdAt", "decidedAt",
        "group", "taskId", "taskKey", "assignee", "dueAt", "orderExternalId", "orderState", "totals", "priceDelta", "rule"}
    for query, total in (({"kind": "task"}, "0"), ({"orderId": "other"}, "0"), ({"orderId": order_id}, "1"),
                         ({"state": "approved"}, "0")):
        assert secure_client.get(APPROVALS, headers=manager.headers, query_string=query).headers[
            "X-Total-Count"] == total, query
    for bad in ({"state": "maybe"}, {"sort": "reason"}, {"decidedBy": "me"}):
        refused = secure_client.get(APPROVALS, headers=manager.headers, query_string=bad)
        assert refused.status_code == 400 and refused.json["errors"][0]["parameter"] == next(iter(bad))
    entry = listed.json[0]
    for body, pointer in (({"comment": 5}, "/comment"), ({"note": "x"}, "/note")):
        refused = secure_client.post(f"{APPROVALS}/{entry['id']}/approve", json=body, headers=manager.headers)
        assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == pointer
    assert decide(secure_client, manager, entry["id"]).status_code == 200
    worker.run_until_idle()
    approved = secure_client.get(APPROVALS, headers=manager.headers, query_string={"state": "approved"}).json
    assert [(a["kind"], a["decidedBy"], a["comment"]) for a in approved] == [("order", "fulfillmentManager",
                                                                              "checked")]
    pending = secure_client.get(APPROVALS, headers=manager.headers, query_string={"sort": "-createdAt"}).json
    assert [(a["kind"], a["taskKey"]) for a in pending] == [("task", "credit")]
