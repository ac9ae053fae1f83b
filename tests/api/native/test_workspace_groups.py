"""Task queues per assignment group: agents see and work their groups' tasks, claims are respected."""
import pytest

from engine.runtime.tasks.groups import add_member, create_group
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

TASKS = "/api/v1/tasks"


@pytest.fixture
def people(make_user, runtime):
    staff = {"ann": make_user("ann", "fulfillmentAgent"), "ben": make_user("ben", "fulfillmentAgent"),
             "out": make_user("out", "fulfillmentAgent"), "boss": make_user("boss", "fulfillmentManager"),
             "clerk": make_user("clerk", "orderAgent"), "cust": make_user("cust", "customer", "cust-1")}
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north")
        create_group(uow, "field-south")
        for name in ("ann", "ben"):
            add_member(uow, "field-north", name)
        add_member(uow, "field-south", "out")
    return staff


@pytest.fixture
def install(secure_client, install_pack, worker, people):
    """The fibre plan's field-north work order, waiting in its queue."""
    install_pack(lambda docs, bindings: bindings.pop("approval"))
    posted = secure_client.post(BASE, json=fibre_order(), headers=people["clerk"].headers)
    assert posted.status_code == 201, posted.json
    worker.run_until_idle()
    queue = secure_client.get(f"{TASKS}?group=field-north", headers=people["boss"].headers).json
    assert [t["key"] for t in queue] == ["install"]
    return queue[0]["id"]


def post(client, person, url, json=None):
    return client.post(url, json=json or {}, headers=person.headers)


def test_an_agent_sees_only_its_groups_tasks_and_a_manager_sees_all(secure_client, people, install):
    def queue(name):
        return [t["id"] for t in secure_client.get(TASKS, headers=people[name].headers).json]
    assert queue("ann") == [install] and queue("boss") == [install]
    assert queue("out") == []
    assert secure_client.get(f"{TASKS}?group=field-north", headers=people["out"].headers).headers["X-Total-Count"] == "0"
    assert secure_client.get(TASKS, headers=people["cust"].headers).status_code == 403


def test_a_non_member_cannot_claim_start_or_complete(secure_client, people, install):
    for action, body in (("claim", None), ("start", None), ("complete", {}), ("notes", {"text": "hi"})):
        refused = post(secure_client, people["out"], f"{TASKS}/{install}/{action}", body)
        assert refused.status_code == 403, action
        assert "out is not a member of assignment group 'field-north'" in refused.json["detail"]
        assert refused.json["group"] == "field-north"
    assert secure_client.get(f"{TASKS}/{install}", headers=people["ann"].headers).json["assignee"] is None


def test_acting_on_a_task_another_user_claimed_is_a_conflict_naming_the_holder(secure_client, people, install):
    assert post(secure_client, people["ann"], f"{TASKS}/{install}/claim").json["assignee"] == "ann"
    for action, body in (("claim", None), ("start", None), ("complete", {}), ("notes", {"text": "mine now"})):
        refused = post(secure_client, people["ben"], f"{TASKS}/{install}/{action}", body)
        assert refused.status_code == 409, action
        assert "claimed by ann" in refused.json["detail"] and refused.json["assignee"] == "ann"
    assert post(secure_client, people["boss"], f"{TASKS}/{install}/complete").status_code == 409
    assert post(secure_client, people["ann"], f"{TASKS}/{install}/start").json["state"] == "running"
    done = post(secure_client, people["ann"], f"{TASKS}/{install}/complete", {"output": {"ok": True}})
    assert done.status_code == 200 and done.json["output"]["completedBy"] == "ann"


def test_a_manager_claims_any_task_and_reassigns_only_to_members(secure_client, people, install):
    assert post(secure_client, people["boss"], f"{TASKS}/{install}/claim").json["assignee"] == "boss"
    reassign = f"{TASKS}/{install}/reassign"
    outsider = post(secure_client, people["boss"], reassign, {"assignee": "out"})
    assert outsider.status_code == 422 and "out is not a member of assignment group 'field-north'" in \
        outsider.json["detail"]
    assert post(secure_client, people["boss"], reassign, {"assignee": "nobody"}).status_code == 422
    wrong_type = post(secure_client, people["boss"], reassign, {"assignee": 7})
    assert wrong_type.status_code == 422 and wrong_type.json["errors"][0]["pointer"] == "/assignee"
    moved = post(secure_client, people["boss"], reassign, {"assignee": "ben"})
    assert moved.status_code == 200 and moved.json["assignee"] == "ben"
    assert post(secure_client, people["ann"], f"{TASKS}/{install}/complete").status_code == 409
    south = post(secure_client, people["boss"], reassign, {"group": "field-south", "assignee": "out"})
    assert (south.json["assignmentGroup"], south.json["assignee"]) == ("field-south", "out")
    assert post(secure_client, people["ben"], f"{TASKS}/{install}/claim").status_code == 403
    assert post(secure_client, people["ann"], reassign, {"assignee": "ann"}).status_code == 403
    assert post(secure_client, people["out"], f"{TASKS}/{install}/complete").status_code == 200
