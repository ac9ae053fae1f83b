"""Every action a fallout rule can name is carried out through the runtime: resume, forceComplete, reassign,
escalate, notify and a timed hold (on main the first four were accepted and then dropped)."""
import copy

from sqlalchemy import select

from engine.store.models import AuditEvent, DomainOrder, Notification
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import RULES, failing_resource_task


def failing_with(*actions, retry=False):
    """The mini pack whose resource task fails with an allocation error; the allocation rule also decides
    ``actions`` (``{"action", "params"}``), and with ``retry`` retries twice first."""
    rules = copy.deepcopy(RULES)
    rules["key"] = "fallout.actions"
    rules["body"]["rules"][1]["then"] += list(actions)
    if retry:
        rules["body"]["rules"][1]["then"].insert(0, {"action": "retry", "params": {"backoffSeconds": 60,
                                                                                     "maxAttempts": 2}})

    def mutate(documents, bindings):
        failing_resource_task("no port left to reserve", with_rules=False)(documents, bindings)
        documents.append(rules)
        bindings["fallout"] = rules["key"]
    return mutate


def place(client, worker):
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def records(client, state="open"):
    return client.get("/api/v1/fallout", query_string={"state": state}).json


def task_of(client, order_id, record):
    order = client.get(f"/api/v1/orders/{order_id}").json
    return order, next(t for t in order["tasks"] if t["id"] == record["taskId"])


def notifications(runtime):
    with runtime.reading() as session:
        return session.execute(select(Notification).order_by(Notification.created_at)).scalars().all()


def audits(runtime, action):
    with runtime.reading() as session:
        return session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars().all()


def domain_states(runtime):
    with runtime.reading() as session:
        return {d.ref: d.state for d in session.execute(select(DomainOrder)).scalars()}


def test_a_plain_record_holds_up_the_domain_orders_that_depend_on_the_failed_one(client, install_pack, worker,
                                                                                 runtime):
    install_pack(failing_with())
    place(client, worker)
    states = domain_states(runtime)
    assert states["resource:inv-ports"] == "inProgress" and states["service:oss-fibre"] == "scheduled"


def test_resume_records_the_failure_and_the_order_goes_on(client, install_pack, worker, runtime):
    install_pack(failing_with({"action": "resume", "params": {"reason": "best effort"}}))
    order_id = place(client, worker)
    assert records(client) == []
    [record] = records(client, "resolved")
    assert (record["resolution"], record["resolvedBy"]) == ("resumed", "fallout-rules:allocation")
    assert record["details"]["outcome"] == "resume" and record["error"] == "no port left to reserve"
    order, task = task_of(client, order_id, record)
    assert task["state"] == "completed"
    assert task["output"] == {"resumed": True, "reason": "best effort", "by": "fallout-rules:allocation",
                              "error": "no port left to reserve"}
    states = domain_states(runtime)
    assert states["resource:inv-ports"] == "completed" and states["service:oss-fibre"] == "inProgress"
    assert order["state"] == "inProgress" and [t["key"] for t in order["tasks"] if t["state"] == "waiting"] == [
        "install"]


def test_force_complete_completes_the_task_for_the_rules_reason(client, install_pack, worker, runtime):
    install_pack(failing_with({"action": "forceComplete", "params": {"reason": "ports are checked later"}}))
    order_id = place(client, worker)
    [record] = records(client, "resolved")
    assert (record["resolution"], record["resolvedBy"]) == ("forceCompleted", "fallout-rules:allocation")
    order, task = task_of(client, order_id, record)
    assert task["state"] == "completed" and task["output"]["forced"] is True
    assert task["output"]["reason"] == "ports are checked later"
    assert domain_states(runtime)["resource:inv-ports"] == "completed"
    [audit] = audits(runtime, "fallout.forceCompleted")
    assert audit.data["by"] == "fallout-rules:allocation" and audit.data["reason"] == "ports are checked later"


def test_reassign_gives_the_record_to_the_named_group(client, install_pack, worker, runtime):
    install_pack(failing_with({"action": "reassign", "params": {"assignmentGroup": "noc-tier2"}}))
    order_id = place(client, worker)
    [record] = records(client)
    assert record["assignmentGroup"] == "noc-tier2" and record["details"]["reassignedFrom"] == "inventory-team"
    assert task_of(client, order_id, record)[1]["state"] == "failed"
    [audit] = audits(runtime, "fallout.reassigned")
    assert (audit.entity_id, audit.data["from"], audit.data["group"]) == (record["id"], "inventory-team", "noc-tier2")


def test_escalate_raises_the_priority_and_tells_whom_it_escalates_to(client, install_pack, worker, runtime):
    install_pack(failing_with({"action": "escalate", "params": {"to": "falloutManager", "reason": "VIP"}}))
    place(client, worker)
    [record] = records(client)
    assert (record["priority"], record["details"]["escalatedTo"]) == (1, "falloutManager")
    [notification] = notifications(runtime)
    assert notification.group_key == "falloutManager" and notification.subject.startswith("Escalated fallout")
    assert notification.body.startswith("VIP") and notification.source["falloutId"] == record["id"]
    assert [a.data["to"] for a in audits(runtime, "fallout.escalated")] == ["falloutManager"]


def test_notify_writes_a_notification_for_the_addressed_group(client, install_pack, worker, runtime):
    install_pack(failing_with({"action": "notify", "params": {"to": "inventory-team", "template": "Port shortage",
                                                              "message": "Order more ports"}}))
    order_id = place(client, worker)
    [record] = records(client)
    [notification] = notifications(runtime)
    assert (notification.group_key, notification.address, notification.order_id) == ("inventory-team", None, order_id)
    assert notification.subject.startswith("Port shortage: ") and notification.body.startswith("Order more ports")
    assert notification.source == {"type": "fallout", "orderId": order_id, "taskId": record["taskId"],
                                   "falloutId": record["id"], "rule": "allocation", "template": "Port shortage"}
    assert notification.state == "created" and notification.channels == {}


def test_notify_goes_out_with_each_retry_and_the_record_comes_when_retries_are_used_up(client, install_pack, worker,
                                                                                       clock, runtime):
    install_pack(failing_with({"action": "notify", "params": {"to": "noc"}}, retry=True))
    place(client, worker)
    assert records(client) == [] and [n.source.get("falloutId") for n in notifications(runtime)] == [None]
    clock.advance(seconds=60)
    worker.run_until_idle()
    [record] = records(client)
    assert record["assignmentGroup"] == "inventory-team"
    assert [n.source.get("falloutId") for n in notifications(runtime)] == [None, record["id"]]


def test_a_timed_hold_retries_the_task_when_it_is_over(client, install_pack, worker, clock, runtime):
    install_pack(failing_with({"action": "hold", "params": {"reason": "ports on order", "durationSeconds": 3600}}))
    order_id = place(client, worker)
    [first] = records(client)
    assert task_of(client, order_id, first)[1]["state"] == "onHold" and first["details"]["releaseAt"]
    clock.advance(seconds=3599)
    worker.run_until_idle()
    assert [r["id"] for r in records(client)] == [first["id"]]
    clock.advance(seconds=1)
    worker.run_until_idle()
    [retried] = records(client, "resolved")
    assert (retried["id"], retried["resolution"], retried["resolvedBy"]) == (
        first["id"], "retried", "fallout-rules:allocation")
    [again] = records(client)  # the task failed again: the rules hold it again, with a new record
    assert again["id"] != first["id"] and task_of(client, order_id, again)[1]["state"] == "onHold"
