"""The demo pack's fallout rules on a real example: the customer's device webhook is down, the callout rule
records it and resumes, and the IoT order completes (on main the ``resume`` was dropped: the order stuck)."""

from sqlalchemy import select

from engine.store.models import FalloutRecord, Task
from tests.rulepacks.telco_demo_driver import BASE, example


def iot_order_with_webhook(url: str) -> dict:
    body = example("iot-2000-sims")
    body["externalId"] = "demo-iot-webhook"
    item = body["productOrderItem"][0]
    item["quantity"] = 2
    item["product"]["productCharacteristic"].append({"name": "activationWebhook", "value": url})
    return body


def test_a_failed_customer_webhook_is_recorded_and_the_order_resumes(client, demo_pack, worker, clock, runtime,
                                                                     monkeypatch):
    monkeypatch.delenv("ORDO_HTTP_ALLOWED_HOSTS", raising=False)
    created = client.post(BASE, json=iot_order_with_webhook("https://devices.example.com/hook"))
    assert created.status_code == 201, created.json
    order_id = created.json["id"]
    for _ in range(8):
        worker.run_until_idle()
        clock.advance(minutes=15)
    worker.run_until_idle()
    with runtime.reading() as session:
        task = session.execute(select(Task).where(Task.order_id == order_id, Task.key == "notify-customer")
                               ).scalar_one()
        [record] = session.execute(select(FalloutRecord).where(FalloutRecord.order_id == order_id)).scalars().all()
        assert (record.type, record.priority, record.assignment_group) == ("integrationFailure", 4,
                                                                          "integration-support")
        assert (record.state, record.resolution, record.resolved_by) == ("resolved", "resumed", "fallout-rules:callout")
        assert record.task_id == task.id and task.attempt == 5
        assert task.state == "completed" and task.output["resumed"] is True
        assert "ORDO_HTTP_ALLOWED_HOSTS" in task.output["error"]
    assert client.get(f"/api/v1/orders/{order_id}").json["state"] == "completed"
