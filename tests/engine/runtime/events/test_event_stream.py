"""Which events an order's life writes to the outbox, in order, in the transaction of each change."""
import pytest
from sqlalchemy import func, select

from engine.runtime.events import outbox as events
from engine.runtime.orders.persistence import capture
from engine.store.models import CustomerOrder, Job, OutboxEvent
from tests.engine.runtime.events.conftest import no_approval
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.engine.runtime.orders.pipeline.test_pipeline_enrichment import with_flow
from tests.engine.runtime.orders.pipeline.test_pipeline_retry import simple_plan_with
from tests.rulepacks.telco_demo_driver import if_match


def stream(runtime, order_id):
    with runtime.reading() as session:
        return [e.envelope for e in session.execute(
            select(OutboxEvent).where(OutboxEvent.entity_id == order_id).order_by(OutboxEvent.seq)).scalars()]


def kinds(envelopes):
    return [(e["eventType"], e["event"]["productOrder"]["state"]) for e in envelopes]


def test_an_order_from_capture_to_completion(client, install_pack, worker, clock, runtime):
    install_pack(no_approval)
    order_id = client.post(BASE, json=fibre_order(externalId="ext-1")).json["id"]
    worker.run_until_idle()
    install = client.get("/api/v1/tasks?group=field-north").json[0]
    client.post(f"/api/v1/tasks/{install['id']}/claim")
    client.post(f"/api/v1/tasks/{install['id']}/complete", json={"output": {}})
    clock.advance(hours=24)
    worker.run_until_idle()
    envelopes = stream(runtime, order_id)
    assert kinds(envelopes) == [
        ("ProductOrderCreateEvent", "acknowledged"),
        ("ProductOrderStateChangeEvent", "inProgress"),
        ("ProductOrderMilestoneEvent", "inProgress"),
        ("ProductOrderStateChangeEvent", "completed")]
    assert envelopes[2]["event"]["milestone"]["name"] == "serviceReady"
    first, last = envelopes[0], envelopes[-1]
    assert set(first) == {"eventId", "eventTime", "eventType", "event"}
    order = first["event"]["productOrder"]
    assert order["id"] == order_id and order["href"] == f"{BASE}/{order_id}" and order["externalId"] == "ext-1"
    assert order["productOrderItem"] == [{"id": "1", "action": "add", "state": "acknowledged"}]
    assert last["event"]["productOrder"]["productOrderItem"][0]["state"] == "completed"
    assert last["eventTime"] == last["event"]["productOrder"]["completionDate"]
    assert len({e["eventId"] for e in envelopes}) == 4


def test_information_required_then_a_revision_resumes_the_order(client, install_pack, worker, runtime):
    install_pack(with_flow)
    order_id = client.post(BASE, json=fibre_order(category="business")).json["id"]
    worker.run_until_idle()
    client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                 json={"purchaseOrderNumber": "PO-1"})
    envelopes = stream(runtime, order_id)
    assert kinds(envelopes)[:6] == [
        ("ProductOrderCreateEvent", "acknowledged"),
        ("ProductOrderStateChangeEvent", "pending"),
        ("ProductOrderInformationRequiredEvent", "pending"),
        ("ProductOrderAttributeValueChangeEvent", "pending"),
        ("ProductOrderStateChangeEvent", "acknowledged"),
        ("ProductOrderStateChangeEvent", "inProgress")]
    assert envelopes[2]["fieldPath"] == "order.purchaseOrderNumber"
    assert "/purchaseOrderNumber" in envelopes[3]["fieldPath"].split(",")


def test_each_failed_task_is_an_error_message_event(client, install_pack, worker, runtime):
    install_pack(simple_plan_with({"outcome": "fail", "error": "OLT refused"}))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    errors = [e for e in stream(runtime, order_id) if e["eventType"] == "ProductOrderErrorMessageEvent"]
    assert len(errors) == 2  # the product and the resource domain orders both run plan.simple
    assert {e["event"]["errorMessage"]["message"] for e in errors} == {"OLT refused"}


def test_a_jeopardy_alert_can_be_raised(client, install_pack, runtime):
    install_pack(no_approval)
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    with runtime.unit_of_work(actor="jeopardy-scan") as uow:
        events.jeopardy_alert(uow, uow.session.get(CustomerOrder, order_id), name="late", message="SLA at risk")
    alert = stream(runtime, order_id)[-1]
    assert alert["eventType"] == "ProductOrderJeopardyAlertEvent"
    assert alert["event"]["jeopardyAlert"]["message"] == "SLA at risk"


def test_events_are_written_in_the_transaction_of_the_change(install_pack, runtime, receiver, subscribe):
    install_pack(no_approval)
    subscribe(receiver.url)
    with runtime.reading() as session:
        before = session.scalar(select(func.count()).select_from(OutboxEvent))  # the pack's artifact versions
    with pytest.raises(RuntimeError), runtime.unit_of_work(actor="test") as uow:
        capture(uow, fibre_order())
        raise RuntimeError("crash before commit")
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == before
        assert session.scalar(select(func.count()).select_from(Job).where(Job.kind == events.DELIVER)) == 0
