"""The jeopardy rules' hold, raiseJeopardy and notify change something (on main they were only recorded):
the late task is held until an agent releases it, the alert is at the raised level, a notification is written."""
import copy

from sqlalchemy import select

from engine.kinds.jeopardy_rules import JEOPARDY_ACTIONS
from engine.runtime.jeopardy import actions as jeopardy_actions
from engine.store.models import Notification, Task
from tests.engine.runtime.jeopardy.conftest import RULES, alert_events, alerts, no_approval

RELEASE = "/api/v1/tasks/{}/release"


def rules_with(*then):
    """A pack whose jeopardy rules alert every rise and, on a work order at ``medium``, decide ``then``."""
    rules = copy.deepcopy(RULES)
    rules["key"] = "jeopardy.actions"
    rules["body"]["rules"] = [rules["body"]["rules"][0], {
        "name": "late-visit", "when": {"m": {"$and": [{"task.type": "workOrder"}, {"level": "medium"}]}},
        "then": list(then)}]

    def mutate(documents, bindings):
        no_approval(documents, bindings)
        documents.append(rules)
        bindings["jeopardy"] = rules["key"]
    return mutate


def install_task(runtime, order_id) -> Task:
    with runtime.reading() as session:
        return session.execute(select(Task).where(Task.order_id == order_id, Task.key == "install")).scalar_one()


def notifications(runtime):
    with runtime.reading() as session:
        return session.execute(select(Notification).order_by(Notification.created_at)).scalars().all()


def test_every_jeopardy_action_has_a_performer():
    assert set(JEOPARDY_ACTIONS) == set(jeopardy_actions.ACTIONS) | {"alert"}


def test_hold_puts_the_late_task_on_hold_until_an_agent_releases_it(client, scanning, at, runtime):
    order_id = scanning(rules_with({"action": "hold", "params": {"reason": "customer unreachable"}}))
    before = install_task(runtime, order_id)
    at(days=3.8)
    medium = alerts(runtime, order_id)[-1]
    assert medium.level == "medium" and medium.actions[-1] == {
        "action": "hold", "rule": "late-visit", "params": {"reason": "customer unreachable"}, "applied": True}
    held = install_task(runtime, order_id)
    assert held.state == "onHold" and held.notes[-1]["hold"] == {"by": "jeopardy", "alertId": medium.id,
                                                                  "rule": "late-visit"}
    assert client.post(RELEASE.format("nope"), json={}).status_code == 404
    released = client.post(RELEASE.format(held.id), json={"reason": "customer called back"})
    assert released.status_code == 200 and released.json["state"] == "waiting"
    after = install_task(runtime, order_id)
    assert (after.state, after.due_at, after.assignment_group) == ("waiting", before.due_at, before.assignment_group)
    assert client.post(RELEASE.format(held.id), json={}).status_code == 409


def test_a_timed_hold_is_released_when_it_is_over(scanning, at, runtime):
    order_id = scanning(rules_with({"action": "hold", "params": {"durationSeconds": 3600}}))
    at(days=3.8)
    assert install_task(runtime, order_id).state == "onHold"
    at(days=3.8, minutes=59)
    assert install_task(runtime, order_id).state == "onHold"
    at(days=3.8, minutes=61)
    assert install_task(runtime, order_id).state == "waiting"


def test_raise_jeopardy_records_the_alert_at_the_named_level(scanning, at, runtime):
    order_id = scanning(rules_with({"action": "raiseJeopardy", "params": {"level": "critical", "reason": "VIP"}}))
    at(days=2.6)
    at(days=3.8)
    [low, raised] = alerts(runtime, order_id)
    assert (low.level, raised.previous_level, raised.level) == ("low", "low", "critical")
    assert alert_events(runtime, order_id)[-1]["event"]["jeopardyAlert"]["jeopardyType"] == "critical"
    at(days=5)  # measured high now: below the raised level, no new alert
    assert len(alerts(runtime, order_id)) == 2


def test_notify_writes_a_notification_for_the_named_group(scanning, at, runtime):
    order_id = scanning(rules_with({"action": "notify", "params": {"to": "field-dispatch",
                                                                   "message": "call the customer"}}))
    at(days=3.8)
    medium = alerts(runtime, order_id)[-1]
    [notification] = notifications(runtime)
    assert notification.group_key == "field-dispatch" and notification.body.startswith("call the customer")
    assert notification.subject == f"Jeopardy: order {order_id}, task install is medium"
    assert notification.source == {"type": "jeopardy", "orderId": order_id, "taskId": medium.task_id,
                                   "alertId": medium.id, "rule": "late-visit"}
