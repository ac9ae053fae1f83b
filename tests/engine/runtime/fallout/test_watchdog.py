"""The watchdog raises every stuck task once, as a ``stuck`` fallout record, and clears it when it moves on."""
import pytest
from sqlalchemy import delete, select, update

from engine.runtime.jobs.worker import Worker
from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskHandler
from engine.store.models import AuditEvent, FalloutRecord, Job, Task
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
    simple_plan,
)

REMOTE = "test.remote"


@pytest.fixture
def remote_handler(monkeypatch):
    monkeypatch.setitem(TASK_HANDLERS, REMOTE, TaskHandler(REMOTE, lambda ctx: {"ok": True}, inline=False))


def plan_with(task: dict):
    def mutate(documents, bindings):
        bindings.pop("approval")
        plan = simple_plan("plan.watched")
        plan["body"]["tasks"][0].update(task)
        plan["body"]["tasks"][0] = {k: v for k, v in plan["body"]["tasks"][0].items() if v is not None}
        documents.append(plan)
        bindings["orchestration"]["resource"] = plan["key"]
    return mutate


def place(client, runtime, clock):
    """Capture an order and advance it (only ``order.advance`` jobs run): the remote task's job stays queued."""
    client.post(BASE, json=fibre_order())
    Worker(runtime.session_factory, clock, worker_id="advancer", kinds=["order.advance"]).run_until_idle()
    with runtime.reading() as session:
        return session.execute(select(Task).where(Task.key == "activate", Task.handler == REMOTE)).scalar_one()


def run_job(runtime, task, **values):
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(Job).where(Job.idempotency_key == f"task.run:{task.id}:{task.attempt}")
                            .values(**values))


def scan(worker, clock):
    clock.advance(minutes=1)
    worker.run_until_idle()


def stuck_records(runtime):
    with runtime.reading() as session:
        return list(session.execute(select(FalloutRecord).where(FalloutRecord.type == "stuck")).scalars())


@pytest.fixture
def remote_pack(install_pack, remote_handler):  # noqa: F811
    install_pack(plan_with({"handler": REMOTE}))


def test_a_task_whose_job_failed_for_good_is_raised_once(client, runtime, worker, clock, remote_pack):
    task = place(client, runtime, clock)
    run_job(runtime, task, state="failed", last_error="RuntimeError: OSS adapter crashed")
    assert "watchdog.scan" in worker.schedule_periodic()
    scan(worker, clock)
    scan(worker, clock)
    records = stuck_records(runtime)
    assert [(r.task_id, r.state, r.priority, r.assignment_group) for r in records] == [
        (task.id, "open", 2, "fallout")]
    assert "failed for good" in records[0].error and "OSS adapter crashed" in records[0].error
    with runtime.reading() as session:
        opened = session.execute(select(AuditEvent).where(AuditEvent.action == "fallout.opened")).scalar_one()
    assert opened.data["type"] == "stuck" and opened.actor.startswith("worker:")
    assert client.get("/api/v1/fallout/summary?type=stuck").json["open"] == 1


def test_a_task_whose_job_is_gone_or_lease_ran_out_long_ago_is_raised(client, runtime, worker, clock, remote_pack):
    gone = place(client, runtime, clock)
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(delete(Job).where(Job.idempotency_key == f"task.run:{gone.id}:1"))
    worker.schedule_periodic()
    scan(worker, clock)
    assert "no job runs attempt 1" in stuck_records(runtime)[0].error


def test_a_lease_is_given_its_grace_before_the_task_counts_as_stuck(client, runtime, worker, clock, remote_pack):
    task = place(client, runtime, clock)
    run_job(runtime, task, state="leased", leased_until=clock.now(), lease_token="t", leased_by="lost-worker")
    watchdog_only = Worker(runtime.session_factory, clock, worker_id="w", kinds=["watchdog.scan"])
    watchdog_only.schedule_periodic()
    scan(watchdog_only, clock)
    assert stuck_records(runtime) == []
    for _ in range(10):
        scan(watchdog_only, clock)
    assert "lease ran out" in stuck_records(runtime)[0].error


def test_retrying_a_stuck_record_runs_the_task_again(client, runtime, worker, clock,
                                                                             remote_pack):
    task = place(client, runtime, clock)
    run_job(runtime, task, state="failed", last_error="boom")
    worker.schedule_periodic()
    scan(worker, clock)
    record = stuck_records(runtime)[0]
    assert client.post(f"/api/v1/fallout/{record.id}/retry").status_code == 200
    worker.run_until_idle()
    order = client.get(f"/api/v1/orders/{record.order_id}").json
    retried = next(t for t in order["tasks"] if t["id"] == task.id)
    assert (retried["state"], retried["attempt"]) == ("completed", 2)
    assert client.get("/api/v1/fallout?type=stuck").json == []


def test_a_stuck_record_is_cleared_when_its_task_moves_on(client, runtime, worker, clock, remote_pack):
    task = place(client, runtime, clock)
    run_job(runtime, task, state="failed", last_error="boom")
    worker.schedule_periodic()
    scan(worker, clock)
    run_job(runtime, task, state="queued")
    scan(worker, clock)
    [record] = stuck_records(runtime)
    assert (record.state, record.resolution) == ("resolved", "cleared")


def test_a_person_s_task_far_past_its_expected_duration_is_raised(client, install_pack, runtime, worker,  # noqa: F811
                                                                  clock):
    install_pack(plan_with({"type": "manual", "handler": None, "duration": "PT1H", "assignmentGroup": "noc"}))
    client.post(BASE, json=fibre_order())
    worker.schedule_periodic()
    worker.run_until_idle()
    clock.advance(hours=2)
    worker.run_until_idle()
    with runtime.reading() as session:
        task = session.execute(select(Task).where(Task.key == "activate", Task.type == "manual")).scalar_one()
    assert [r for r in stuck_records(runtime) if r.task_id == task.id] == []
    clock.advance(hours=1, minutes=1)
    worker.run_until_idle()
    [record] = [r for r in stuck_records(runtime) if r.task_id == task.id]
    assert "far past its expected duration of 1:00:00" in record.error
    assert record.details["taskState"] == "waiting"
