"""A task's output form (its JSON Schema, completions checked against it) and a manual fallout raised by an
agent on a task they work, with the forbidden paths."""
from sqlalchemy import select

from engine.store.models import AuditEvent, FalloutRecord
from tests.api.native import test_workspace_groups as groups
from tests.api.native.test_workspace_groups import TASKS, post

people, install = groups.people, groups.install  # the field-north work order and its agents


def test_a_work_order_carries_its_output_schema_and_a_bad_output_is_a_422_with_pointers(secure_client, people,
                                                                                         install):
    ann = people["ann"]
    task = secure_client.get(f"{TASKS}/{install}", headers=ann.headers).json
    schema = task["outputSchema"]
    assert schema["type"] == "object" and {"outcome", "completedOn", "technician"} <= set(schema["properties"])
    bad = post(secure_client, ann, f"{TASKS}/{install}/complete",
               {"output": {"outcome": "maybe", "completedOn": "yesterday", "technician": "T-7"}})
    assert bad.status_code == 422
    assert [e["pointer"] for e in bad.json["errors"]] == ["/output/completedOn", "/output/outcome"]
    assert secure_client.get(f"{TASKS}/{install}", headers=ann.headers).json["state"] == "waiting"
    done = post(secure_client, ann, f"{TASKS}/{install}/complete",
                {"output": {"outcome": "completed", "completedOn": "2026-12-01", "technician": "T-7"}})
    assert done.status_code == 200 and done.json["state"] == "completed"
    assert done.json["output"]["technician"] == "T-7" and done.json["output"]["completedBy"] == "ann"


def test_the_queue_shows_the_domain_order_system_and_sla(secure_client, people, install):
    [row] = secure_client.get(TASKS, headers=people["ann"].headers).json
    assert row["id"] == install and row["domainOrderRef"] and row["fulfilmentSystem"]
    assert row["slaPercent"] is not None and row["jeopardy"] in (None, "low", "medium", "high", "critical")


def test_an_agent_raises_a_manual_fallout_the_task_goes_on_hold(secure_client, people, install, runtime):
    body = {"type": "customerUnreachable", "reason": "no answer at the site twice", "priority": 2}
    raised = post(secure_client, people["ann"], f"{TASKS}/{install}/fallout", body)
    assert raised.status_code == 201, raised.json
    record = raised.json
    assert (record["taskId"], record["type"], record["priority"], record["assignmentGroup"], record["state"]) == (
        install, "customerUnreachable", 2, "fallout", "open")
    assert record["details"]["raisedBy"] == "ann" and record["details"]["manual"] is True
    task = secure_client.get(f"{TASKS}/{install}", headers=people["ann"].headers).json
    assert task["state"] == "onHold" and "no answer at the site twice" in task["notes"][-1]["text"]
    with runtime.reading() as session:
        actions = list(session.execute(select(AuditEvent.action).where(AuditEvent.entity_id.in_(
            [install, record["id"]])).order_by(AuditEvent.id)).scalars())
        assert session.get(FalloutRecord, record["id"]).error == "no answer at the site twice"
    assert actions[-2:] == ["task.held", "fallout.opened"]
    again = post(secure_client, people["ann"], f"{TASKS}/{install}/fallout", body)
    assert again.status_code == 409


def test_raising_a_fallout_is_refused_outside_the_group_and_for_bad_bodies(secure_client, people, install,
                                                                             make_user):
    url = f"{TASKS}/{install}/fallout"
    refused = post(secure_client, people["out"], url, {"type": "wrongData", "reason": "x"})
    assert refused.status_code == 403 and refused.json["group"] == "field-north"
    auditor = make_user("aud", "auditor")
    assert post(secure_client, auditor, url, {"type": "wrongData", "reason": "x"}).status_code == 403
    bad = post(secure_client, people["ann"], url, {"type": "", "reason": " ", "priority": 9})
    assert bad.status_code == 422
    assert {e["pointer"] for e in bad.json["errors"]} == {"/type", "/reason", "/priority"}
    assert post(secure_client, people["ann"], f"{TASKS}/nope/fallout",
                {"type": "wrongData", "reason": "x"}).status_code == 404
    assert secure_client.get(f"{TASKS}/{install}", headers=people["ann"].headers).json["state"] == "waiting"


def test_the_queue_filters_unassigned_tasks(secure_client, people, install):
    ann = people["ann"]
    assert [t["id"] for t in secure_client.get(f"{TASKS}?unassigned=true", headers=ann.headers).json] == [install]
    assert post(secure_client, ann, f"{TASKS}/{install}/claim").status_code == 200
    assert secure_client.get(f"{TASKS}?unassigned=true", headers=ann.headers).json == []
    assert [t["id"] for t in secure_client.get(f"{TASKS}?unassigned=false", headers=ann.headers).json] == [install]


def test_an_agent_outside_the_group_cannot_read_the_task(secure_client, people, install):
    refused = secure_client.get(f"{TASKS}/{install}", headers=people["out"].headers)
    assert refused.status_code == 403 and "not a member of assignment group 'field-north'" in refused.json["detail"]
    assert secure_client.get(f"{TASKS}/{install}", headers=people["boss"].headers).status_code == 200
