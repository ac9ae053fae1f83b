"""Ending a waitUntil timer early: the port-in of the demo pack waits one day for the donor operator."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.errors import Conflict, Invalid, NotFound
from engine.runtime.tasks.waits import end_wait
from engine.store import audit
from engine.store.models import AuditEvent, Job
from tests.rulepacks.telco_demo_driver import BASE, example


@pytest.fixture
def donor_wait(client, demo_pack, worker):
    """(order id, the waiting await-donor task) of fibre-voip-port-in after the technician's work order."""
    order_id = client.post(BASE, json=example("fibre-voip-port-in")).json["id"]
    worker.run_until_idle()
    work_order = client.get(f"/api/v1/tasks?orderId={order_id}&group=field-south").json[0]
    assert client.post(f"/api/v1/tasks/{work_order['id']}/complete", json={"output": {}}).status_code == 200
    worker.run_until_idle()
    return order_id, _task(client, order_id, "await-donor")


def _task(client, order_id: str, key: str) -> dict:
    return next(t for t in client.get(f"/api/v1/orders/{order_id}").json["tasks"] if t["key"] == key)


def test_ending_the_donor_wait_completes_the_order_now(donor_wait, runtime, client, clock, worker):
    order_id, wait = donor_wait
    assert (wait["state"], wait["dueAt"]) == ("waiting", "2026-01-02T09:00:00.000Z")
    clock.advance(hours=2)
    with runtime.unit_of_work(actor="fm") as uow:
        task = end_wait(uow, wait["id"], "fm", "  donor confirmed by phone ")
        assert task.output == {"endedEarlyBy": "fm", "reason": "donor confirmed by phone",
                               "endedAt": "2026-01-01T11:00:00.000Z", "wasDueAt": "2026-01-02T09:00:00.000Z"}
    worker.run_until_idle()
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert (order["state"], order["completionDate"]) == ("completed", "2026-01-01T11:00:00.000Z")
    assert _task(client, order_id, "await-donor")["completedAt"] == "2026-01-01T11:00:00.000Z"
    with runtime.reading() as session:
        job = session.scalars(select(Job).where(Job.idempotency_key == f"task.wake:{wait['id']}")).one()
        assert (job.state, job.last_error) == ("done", "timer ended early")
        entry = session.scalars(select(AuditEvent).where(AuditEvent.action == "task.waitEnded")).one()
        assert (entry.actor, entry.entity_id, entry.data["reason"], entry.data["orderId"]) == (
            "fm", wait["id"], "donor confirmed by phone", order_id)
        assert audit.verify(session) is None


def test_the_wake_job_of_an_ended_wait_does_nothing_when_it_comes_due(donor_wait, runtime, client, clock, worker):
    order_id, wait = donor_wait
    with runtime.unit_of_work(actor="fm") as uow:
        end_wait(uow, wait["id"], "fm", "ported early")
    worker.run_until_idle()
    completed = _task(client, order_id, "await-donor")
    clock.advance(days=2)
    worker.run_until_idle()
    assert _task(client, order_id, "await-donor") == completed
    assert client.get(f"/api/v1/orders/{order_id}").json["state"] == "completed"


def test_refused_without_a_reason_and_for_a_task_that_is_not_a_waiting_timer(donor_wait, runtime, client):
    order_id, wait = donor_wait
    for reason in (None, "", "   ", 42):
        with pytest.raises(Invalid) as refused, runtime.unit_of_work(actor="fm") as uow:
            end_wait(uow, wait["id"], "fm", reason)
        assert refused.value.errors[0]["pointer"] == "/reason"
    cutover = _task(client, order_id, "cutover")  # pending, an auto task
    with pytest.raises(Conflict, match="only a waiting waitUntil timer"), runtime.unit_of_work(actor="fm") as uow:
        end_wait(uow, cutover["id"], "fm", "why not")
    with pytest.raises(NotFound), runtime.unit_of_work(actor="fm") as uow:
        end_wait(uow, "no-such-task", "fm", "why not")
    with runtime.unit_of_work(actor="fm") as uow:
        end_wait(uow, wait["id"], "fm", "ported early")
    with pytest.raises(Conflict, match="completed waitUntil"), runtime.unit_of_work(actor="fm") as uow:
        end_wait(uow, wait["id"], "fm", "twice")
    assert _task(client, order_id, "await-donor")["output"]["reason"] == "ported early"
