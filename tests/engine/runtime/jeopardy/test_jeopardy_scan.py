"""The periodic jeopardy scan on the fake clock: one alert per change, actions applied, finished orders left."""
from sqlalchemy import func, select

from engine.runtime.jeopardy import scan as jeopardy_scan
from engine.store.models import JeopardyState, Job, Task
from tests.engine.runtime.jeopardy.conftest import alert_events, alerts, audit_actions, with_rules


def install_task(runtime, order_id):
    with runtime.reading() as session:
        return session.execute(select(Task).where(Task.order_id == order_id, Task.key == "install")).scalar_one()


def test_a_work_order_alerts_low_medium_high_critical_once_each_then_clears(client, scanning, at, runtime):
    order_id = scanning()  # no jeopardy rules: default levels 50 / 75 / 100 %, past due critical; 5-day SLA
    at(days=2)
    assert alerts(runtime, order_id) == []
    for days, count in ((2.6, 1), (2.7, 1), (3.8, 2), (4.0, 2), (5, 3), (5.5, 4), (6, 4), (9, 4)):
        at(days=days)
        assert len(alerts(runtime, order_id)) == count, days
    rows = alerts(runtime, order_id)
    assert [(a.scope, a.previous_level, a.level, a.assignment_group) for a in rows] == [
        ("task", None, "low", "field-north"), ("task", "low", "medium", "field-north"),
        ("task", "medium", "high", "field-north"), ("task", "high", "critical", "field-north")]
    assert rows[0].percent == "52.0" and rows[0].reason == "task install at 52.0 % of its SLA (low)"
    assert [e["event"]["jeopardyAlert"]["jeopardyType"] for e in alert_events(runtime, order_id)] == [
        "low", "medium", "high", "critical"]
    task = install_task(runtime, order_id)
    assert client.post(f"/api/v1/tasks/{task.id}/complete", json={}).status_code == 200
    at(days=9, minutes=2)
    cleared = alerts(runtime, order_id)[-1]
    assert (cleared.level, cleared.previous_level, cleared.task_id) == (None, "critical", task.id)
    assert cleared.acknowledged_at is not None and cleared.acknowledged_by.startswith("worker:")
    assert alert_events(runtime, order_id)[-1]["event"]["jeopardyAlert"]["jeopardyType"] == "cleared"
    assert audit_actions(runtime, cleared.id) == ["jeopardy.cleared"]


def test_the_alert_event_has_the_tmf622_v5_jeopardy_alert_shape(scanning, at, runtime):
    order_id = scanning()
    at(days=3)
    [envelope] = alert_events(runtime, order_id)
    [alert] = alerts(runtime, order_id)
    body = envelope["event"]["jeopardyAlert"]
    assert envelope["eventType"] == "ProductOrderJeopardyAlertEvent" and envelope["eventId"] == alert.event_id
    assert body == {"id": alert.id, "alertDate": "2026-01-04T09:00:00.000Z", "name": "task install: low",
                    "jeopardyType": "low", "exception": "task install at 60.0 % of its SLA (low)",
                    "message": "task install at 60.0 % of its SLA (low)", "@type": "ProductOrderJeopardyAlert",
                    "productOrderItem": [{"itemId": "1", "productOrderId": order_id, "@type": "ProductOrderItemRef",
                                          "productOrderHref": f"/tmf-api/productOrderingManagement/v4/productOrder/"
                                                              f"{order_id}"}]}
    order = envelope["event"]["productOrder"]
    assert order["id"] == order_id and order["productOrderJeopardyAlert"] == [body]


def test_rules_alert_escalate_and_reassign_and_every_action_is_audited(scanning, at, runtime):
    order_id = scanning(with_rules)
    task_id = install_task(runtime, order_id).id
    at(days=5)
    high = alerts(runtime, order_id)[-1]
    assert (high.level, high.escalated_to) == ("high", "field-dispatch")
    assert [(a["rule"], a["action"], a["applied"]) for a in high.actions] == [
        ("tell", "alert", True), ("dispatch", "escalate", True), ("dispatch", "notify", True)]
    assert alert_events(runtime, order_id)[-1]["event"]["jeopardyAlert"]["message"] == "install"
    assert audit_actions(runtime, high.id) == ["jeopardy.raised", "jeopardy.escalated", "jeopardy.notified"]
    at(days=6)
    critical = alerts(runtime, order_id)[-1]
    assert critical.level == "critical" and critical.actions[-1]["applied"] is True
    assert install_task(runtime, order_id).assignment_group == "field-rapid"
    assert audit_actions(runtime, task_id)[-1] == "task.reassigned"
    at(days=8)  # the scan saw no time below high: one alert per level it saw
    assert [(a.previous_level, a.level) for a in alerts(runtime, order_id)] == [(None, "high"), ("high", "critical")]
    assert len(alert_events(runtime, order_id)) == 2


def test_a_prediction_past_the_committed_date_alerts_before_any_task_is_late(scanning, at, runtime):
    order_id = scanning(with_rules, requestedCompletionDate="2026-01-02T00:00:00Z")
    at(minutes=1)
    [alert] = alerts(runtime, order_id)
    assert (alert.scope, alert.task_id, alert.level, alert.escalated_to) == ("order", None, "high", "orderManager")
    # two days of install, the 24-hour cooling wait, ten minutes of activation
    assert alert.reason == ("predicted completion 2026-01-04T09:10:00.000Z is after the committed "
                            "2026-01-02T00:00:00.000Z")
    at(hours=16)  # past the committed date
    assert [a.level for a in alerts(runtime, order_id)] == ["high", "critical"]


def test_nothing_is_queued_when_nothing_changed_and_applying_twice_alerts_once(scanning, at, runtime):
    order_id = scanning()
    at(days=3)
    with runtime.unit_of_work(actor="test") as uow:
        assert jeopardy_scan.scan(uow) == 0
        assert jeopardy_scan.apply(uow, order_id) == []
    assert len(alerts(runtime, order_id)) == 1


def test_completed_orders_are_not_scanned_and_their_levels_are_dropped(client, scanning, at, runtime):
    order_id = scanning()
    at(days=3)
    assert len(alerts(runtime, order_id)) == 1
    task = install_task(runtime, order_id)
    client.post(f"/api/v1/tasks/{task.id}/complete", json={})
    at(days=5)  # the 24-hour cooling wait is over: the order completes
    assert client.get(f"/api/v1/orders/{order_id}").json["state"] == "completed"
    applied = apply_jobs(runtime)
    at(days=20)
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(JeopardyState)) == 0
    assert apply_jobs(runtime) == applied
    assert len(alerts(runtime, order_id)) == 1


def apply_jobs(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(Job).where(Job.kind == jeopardy_scan.APPLY))
