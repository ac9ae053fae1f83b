"""The workspace home tiles: each count is the total of the list its tile opens, for each role."""
from engine.store.models import Task

SUMMARY = "/api/v1/workspace/summary"


def total(client, person, url) -> int:
    answer = client.get(url, headers=person.headers)
    assert answer.status_code == 200, answer.json
    return int(answer.headers["X-Total-Count"])


def summary_of(client, person) -> dict:
    answer = client.get(SUMMARY, headers=person.headers)
    assert answer.status_code == 200, answer.json
    return answer.json


def open_tasks(runtime, records):
    """Three of the orders' tasks made open: one assigned to inv in inventory-team, one of noc-business with
    nobody assigned, one of no group with nobody assigned."""
    with runtime.unit_of_work(actor="admin") as uow:
        tasks = uow.session.query(Task).order_by(Task.id).limit(3).all()
        assert len(tasks) == 3
        for task, (group, assignee) in zip(tasks, (("inventory-team", "inv"), ("noc-business", None),
                                                  (None, None)), strict=True):
            task.state, task.assignment_group, task.assignee = "waiting", group, assignee


def test_each_count_is_the_total_of_the_list_its_tile_opens(secure_client, people, records, runtime):
    open_tasks(runtime, records)
    inv, boss = people["inv"], people["boss"]
    assert secure_client.post(f"/api/v1/fallout/{records['inventory-team']}/reassign",
                              json={"assignee": "inv", "reason": "mine"}, headers=boss.headers).status_code == 200
    for person in (inv, boss, people["noc"]):
        tiles = summary_of(secure_client, person)
        assert tiles["newOrders"] == total(secure_client, person, "/api/v1/orders?state=acknowledged&limit=1")
        assert tiles["myTasks"] == total(secure_client, person, f"/api/v1/tasks?assignee={person.username}")
        assert tiles["groupTasks"] == total(secure_client, person, "/api/v1/tasks")  # the queue's view=groups
        assert tiles["unassignedTasks"] == total(secure_client, person, "/api/v1/tasks?unassigned=true")
        assert tiles["myFallouts"] == total(secure_client, person, "/api/v1/fallout?scope=mine")
        assert tiles["groupFallouts"] == total(secure_client, person, "/api/v1/fallout?scope=groups")
        assert tiles["jeopardy"] == total(secure_client, person, "/api/v1/jeopardy?level=high")
        assert tiles["pendingApprovals"] is None  # fallout roles do not decide approvals
    agent = summary_of(secure_client, inv)
    assert (agent["myTasks"], agent["groupTasks"], agent["unassignedTasks"]) == (1, 2, 1)  # its group's + no group
    assert (agent["myFallouts"], agent["groupFallouts"]) == (1, 1)
    manager = summary_of(secure_client, boss)
    assert manager["unassignedTasks"] == 2 and manager["groupFallouts"] == 0


def test_a_role_gets_only_the_counts_of_the_lists_it_may_read(secure_client, people, records, make_user):
    clerk = summary_of(secure_client, people["clerk"])
    assert clerk["myFallouts"] is None and clerk["groupFallouts"] is None and clerk["pendingApprovals"] is None
    assert clerk["newOrders"] is not None and clerk["myTasks"] is not None
    approver = make_user("approver", "orderApprover")
    tiles = summary_of(secure_client, approver)
    assert tiles["pendingApprovals"] == total(secure_client, approver, "/api/v1/approvals")
    assert tiles["myFallouts"] is None and tiles["jeopardy"] is not None
    analyst = summary_of(secure_client, make_user("analyst", "businessAnalyst"))
    assert analyst["newOrders"] is not None
    assert {key for key, value in analyst.items() if value is None} == {
        "myTasks", "groupTasks", "unassignedTasks", "myFallouts", "groupFallouts", "jeopardy", "pendingApprovals"}


def test_customers_and_strangers_get_no_tiles(secure_client, make_user):
    alice = make_user("alice", "customer", "party-a")
    refused = secure_client.get(SUMMARY, headers=alice.headers)
    assert refused.status_code == 403 and refused.json["status"] == 403
    assert secure_client.get(SUMMARY).status_code == 401
    assert secure_client.get(f"{SUMMARY}?x=1", headers=make_user("boss", "falloutManager").headers).status_code == 400
