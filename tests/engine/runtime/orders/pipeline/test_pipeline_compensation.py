"""Compensation in the runtime: crash-safe with real worker processes, failures go to fallout."""
from __future__ import annotations

import signal
import time
from collections import Counter

import pytest
from sqlalchemy import select

from engine.runtime.fallout.actions import retry
from engine.runtime.orders.cancellation import cancel_order
from engine.store import audit
from engine.store.models import AuditEvent, CustomerOrder, DomainOrder, FalloutRecord, Job, Task
from tests.engine.runtime.jobs.test_worker_processes import WorkerProcess, wait_for
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order
from tests.rulepacks.telco_demo_driver import if_match


def undo_plan(delay: float = 0, outcome: str = "success") -> dict:
    """Reserve, configure (each with a compensation), then a person's work order that keeps the order open."""
    undo = {"type": "auto", "handler": "simulator.run", "params": {"outcome": outcome, "delaySeconds": delay}}
    return {"kind": "orchestration_plan", "key": "plan.undo", "schemaVersion": 1, "title": "undo", "tests": [],
            "body": {"tasks": [
                {"key": "reserve", "type": "auto", "handler": "simulator.run", "compensation": "unreserve"},
                {"key": "configure", "type": "auto", "handler": "simulator.run", "dependsOn": ["reserve"],
                 "compensation": "unconfigure"},
                {"key": "survey", "type": "manual", "assignmentGroup": "survey", "dependsOn": ["configure"]}],
                "compensationTasks": [{"key": "unreserve", **undo}, {"key": "unconfigure", **undo}]}}


def with_plan(plan: dict):
    def mutate(documents, bindings):
        bindings.pop("approval")
        documents.append(plan)
        bindings["orchestration"] = {domain: plan["key"] for domain in ("service", "product", "resource")}
    return mutate


def place(client, worker) -> str:
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    return order_id


def undo_tasks(runtime, order_id: str) -> list[Task]:
    with runtime.reading() as session:
        return list(session.execute(select(Task).where(Task.order_id == order_id, Task.key.like("undo:%"))
                                    .order_by(Task.key)).scalars())


def order_state(runtime, order_id: str) -> str:
    with runtime.reading() as session:
        return session.get(CustomerOrder, order_id).state


@pytest.mark.slow
def test_a_worker_killed_during_compensation_leaves_nothing_half_done(client, install_pack, worker, runtime,
                                                                      database_url):
    install_pack(with_plan(undo_plan(delay=1.0)))
    order_id = place(client, worker)
    with runtime.unit_of_work(actor="agent") as uow:
        assert cancel_order(uow, order_id, "duplicate order").state == "inProgress"
    first = WorkerProcess(database_url, lease_seconds=2)
    wait_for(lambda: _advance_job(runtime).state == "leased", timeout=60, interval=0.02)
    time.sleep(0.5)
    first.process.send_signal(signal.SIGKILL)  # in the middle of the first compensation's one second
    first.process.wait(timeout=10)
    assert order_state(runtime, order_id) == "pendingCancellation"
    assert {t.state for t in undo_tasks(runtime, order_id)} == {"pending"}  # the killed work rolled back
    second = WorkerProcess(database_url, lease_seconds=60)
    try:
        wait_for(lambda: order_state(runtime, order_id) == "cancelled", timeout=120)
    finally:
        second.stop()
    job = _advance_job(runtime)
    assert (job.state, job.attempts, job.leased_by) == ("done", 2, second.worker_id)
    undone = undo_tasks(runtime, order_id)
    keys = Counter((t.domain_order_id, t.key) for t in undone)
    assert set(keys.values()) == {1} and {t.key for t in undone} == {"undo:reserve", "undo:configure"}
    assert {(t.state, t.attempt) for t in undone} == {("completed", 1)}
    with runtime.reading() as session:
        completed = Counter(session.execute(select(AuditEvent.entity_id).where(
            AuditEvent.action == "task.completed", AuditEvent.entity_id.in_([t.id for t in undone]))).scalars())
        assert set(completed.values()) == {1} and len(completed) == len(undone)
        assert {d.state for d in session.execute(select(DomainOrder).where(DomainOrder.order_id == order_id))
                .scalars()} == {"cancelled"}
        assert audit.verify(session) is None


def test_a_failed_compensation_goes_to_fallout_and_the_order_ends_cancelled_after_the_retry(
        client, install_pack, worker, runtime):
    install_pack(with_plan(undo_plan(outcome="fail")))
    order_id = place(client, worker)
    with runtime.unit_of_work(actor="agent") as uow:
        cancel_order(uow, order_id, "duplicate order")
    worker.run_until_idle()
    assert order_state(runtime, order_id) == "pendingCancellation"
    with runtime.reading() as session:
        records = session.execute(select(FalloutRecord).where(FalloutRecord.order_id == order_id)).scalars().all()
        failed = {session.get(Task, r.task_id).key for r in records}
    assert failed == {"undo:configure"}  # the first compensation of each domain order; the rest waits
    with runtime.unit_of_work(actor="agent") as uow:
        for task in uow.session.execute(select(Task).where(Task.key.like("undo:%"))).scalars():
            task.params = {"outcome": "success"}
        for record in records:
            retry(uow, record.id)
    worker.run_until_idle()
    assert order_state(runtime, order_id) == "cancelled"
    assert {t.state for t in undo_tasks(runtime, order_id)} == {"completed"}


def test_cancel_order_refuses_a_final_order_with_a_conflict(client, install_pack, worker, runtime):
    from engine.errors import Conflict

    install_pack(with_plan(undo_plan()))
    order_id = place(client, worker)
    with runtime.unit_of_work(actor="agent") as uow:
        cancel_order(uow, order_id, "first")
    worker.run_until_idle()
    with pytest.raises(Conflict, match="the order is cancelled"), runtime.unit_of_work(actor="agent") as uow:
        cancel_order(uow, order_id, "again")


def _advance_job(runtime) -> Job:
    with runtime.reading() as session:
        return session.execute(select(Job).where(Job.kind == "order.advance").order_by(Job.id.desc())
                               .limit(1)).scalar_one()


def test_an_order_whose_revision_is_being_undone_can_still_be_cancelled(client, install_pack, worker, runtime):
    install_pack(with_plan(undo_plan(outcome="fail")))
    order_id = place(client, worker)
    response = client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                            json={"productOrderItem": [{"id": "1", "quantity": 2}]})
    assert response.status_code == 200, response.json
    assert response.json["revisionImpact"]["undo"]
    worker.run_until_idle()
    with runtime.reading() as session:
        assert session.get(CustomerOrder, order_id).stage == "revising"  # a compensation failed: fallout
    with runtime.unit_of_work(actor="agent") as uow:
        assert cancel_order(uow, order_id, "give up").state == "inProgress"
    worker.run_until_idle()
    assert order_state(runtime, order_id) == "pendingCancellation"  # the failed undo is not dropped
    with runtime.unit_of_work(actor="agent") as uow:
        for task in uow.session.execute(select(Task).where(Task.key.like("undo:%"))).scalars():
            task.params = {"outcome": "success"}
        records = uow.session.execute(select(FalloutRecord).where(FalloutRecord.state == "open")).scalars().all()
        assert records
        for record in records:
            retry(uow, record.id)
    worker.run_until_idle()
    assert order_state(runtime, order_id) == "cancelled"
    assert {t.state for t in undo_tasks(runtime, order_id)} == {"completed"}
    with runtime.reading() as session:
        assert {d.state for d in session.execute(select(DomainOrder).where(DomainOrder.order_id == order_id))
                .scalars()} == {"cancelled"}


def test_a_pending_order_is_withdrawn_at_once_by_delete(client, install_pack, worker):
    from tests.engine.runtime.orders.pipeline.test_pipeline_enrichment import with_flow

    install_pack(with_flow)
    order_id = client.post(BASE, json=fibre_order(category="business")).json["id"]
    worker.run_until_idle()
    assert client.get(f"{BASE}/{order_id}").json["state"] == "pending"
    assert client.delete(f"{BASE}/{order_id}", headers=if_match(client, order_id)).status_code == 204
    order = client.get(f"/api/v1/orders/{order_id}").json
    assert (order["state"], order["stage"], {i["state"] for i in order["items"]}) == (
        "cancelled", "cancelled", {"cancelled"})
    assert client.patch(f"{BASE}/{order_id}", headers=if_match(client, order_id),
                        json={"purchaseOrderNumber": "PO-1"}).status_code == 409
    assert client.delete(f"{BASE}/{order_id}", headers=if_match(client, order_id)).status_code == 409
