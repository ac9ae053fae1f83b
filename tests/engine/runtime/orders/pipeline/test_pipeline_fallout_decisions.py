"""The fallout rules' ``failItem`` and ``hold`` decisions are carried out, not only recorded."""
import copy

import pytest
from sqlalchemy import select

from engine.store.models import AuditEvent, DomainOrder, FalloutRecord, HeldTask
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import RULES, failing_resource_task


def rules_with(*extra_actions):
    """The mini fallout rules whose allocation rule also decides ``extra_actions``."""
    rules = copy.deepcopy(RULES)
    rules["key"] = "fallout.decisions"
    rules["body"]["rules"][1]["then"] += [{"action": action, "params": {}} for action in extra_actions]
    return rules


def failing_with(*extra_actions):
    rules = rules_with(*extra_actions)

    def mutate(documents, bindings):
        failing_resource_task("no port left to reserve", with_rules=False)(documents, bindings)
        documents.append(rules)
        bindings["fallout"] = rules["key"]
    return mutate


def place(client, worker):
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def order(client, order_id):
    return client.get(f"/api/v1/orders/{order_id}").json


def failed_task(client, order_id, record):
    return next(t for t in order(client, order_id)["tasks"] if t["id"] == record["taskId"])


def all_records(client):
    return client.get("/api/v1/fallout", query_string={"state": "resolved"}).json + \
        client.get("/api/v1/fallout").json


def test_fail_item_decided_by_the_rules_fails_the_item_at_once(client, install_pack, worker, runtime):
    install_pack(failing_with("failItem"))
    order_id = place(client, worker)
    assert client.get("/api/v1/fallout").json == []
    [record] = all_records(client)
    assert record["resolution"] == "itemFailed" and record["resolvedBy"] == "fallout-rules:allocation"
    assert record["details"]["failItem"] is True
    detail = order(client, order_id)
    assert detail["state"] == "failed" and [i["state"] for i in detail["items"]] == ["failed"]
    assert failed_task(client, order_id, record)["state"] == "failed"
    with runtime.reading() as session:
        states = {d.ref: d.state for d in session.execute(select(DomainOrder)).scalars()}
        audit = session.execute(select(AuditEvent).where(AuditEvent.action == "fallout.itemFailed")).scalar_one()
    assert states["resource:inv-ports"] == "failed" and states["service:oss-fibre"] == "cancelled"
    assert audit.data["by"] == "fallout-rules:allocation"
    assert client.post(f"/api/v1/fallout/{record['id']}/retry").status_code == 409


def test_hold_decided_by_the_rules_holds_the_task_with_the_record_open(client, install_pack, worker, runtime):
    install_pack(failing_with("hold"))
    order_id = place(client, worker)
    [record] = client.get("/api/v1/fallout").json
    assert record["details"]["hold"] is True
    assert failed_task(client, order_id, record)["state"] == "onHold"
    assert order(client, order_id)["state"] == "inProgress"
    with runtime.reading() as session:
        held = session.execute(select(AuditEvent).where(AuditEvent.action == "task.held")).scalar_one()
        assert session.execute(select(HeldTask)).scalars().all() == []
    assert held.data["by"] == "falloutRules" and held.entity_id == record["taskId"]


@pytest.mark.parametrize("action, body, resolution, task_state", [
    ("retry", None, "retried", "failed"),
    ("fix", {"params": {"outcome": "success", "error": None}}, "retried", "completed"),
    ("force-complete", {"reason": "port patched by hand"}, "forceCompleted", "completed"),
])
def test_an_agent_action_releases_a_held_task(client, install_pack, worker, runtime, action, body, resolution,
                                              task_state):
    install_pack(failing_with("hold"))
    order_id = place(client, worker)
    [record] = client.get("/api/v1/fallout").json
    done = client.post(f"/api/v1/fallout/{record['id']}/{action}", json=body)
    assert done.status_code == 200 and done.json["resolution"] == resolution
    worker.run_until_idle()
    task = failed_task(client, order_id, record)
    with runtime.reading() as session:
        released = session.execute(select(AuditEvent).where(AuditEvent.action == "task.released")).scalar_one()
        records = session.execute(select(FalloutRecord).where(FalloutRecord.state == "open")).scalars().all()
    assert released.entity_id == record["taskId"]
    if action == "retry":  # it fails again: the rules hold it again, with a new record
        assert task["state"] == "onHold" and [r.id != record["id"] for r in records] == [True]
    else:
        assert task["state"] == task_state and records == []


def test_a_plain_record_still_fails_the_task_and_leaves_the_item_alone(client, install_pack, worker):
    install_pack(failing_with())
    order_id = place(client, worker)
    [record] = client.get("/api/v1/fallout").json
    assert (record["details"]["failItem"], record["details"]["hold"]) == (False, False)
    assert failed_task(client, order_id, record)["state"] == "failed"
    detail = order(client, order_id)
    assert detail["state"] == "inProgress" and [i["state"] for i in detail["items"]] == ["inProgress"]
