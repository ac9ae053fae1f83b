"""An order's job that fails the same way on every attempt is stopped and its order goes to fallout (a
``job.failed`` record, in the same transaction as the failed job); retrying the record queues the job again."""
import pytest
from sqlalchemy import select

from engine.errors import Conflict
from engine.runtime.fallout import actions
from engine.runtime.jobs import registry
from engine.runtime.jobs.handlers.orders import advance
from engine.runtime.jobs.poison import SAME_FAILURES
from engine.store.models import AuditEvent, CustomerOrder, FalloutRecord, Job, Task
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)


class Failing:
    """An ``order.advance`` handler that raises ``errors`` in turn, then runs the real one."""

    def __init__(self, *errors):
        self.errors = list(errors)

    def __call__(self, uow, payload):
        if self.errors:
            raise self.errors.pop(0)
        advance(uow, payload)


@pytest.fixture
def failing_advance(monkeypatch):
    def install(*errors):
        handler = Failing(*errors)
        monkeypatch.setitem(registry.JOB_HANDLERS, "order.advance", handler)
        return handler
    return install


def run_attempts(worker, clock, times):
    for _ in range(times):
        worker.run_until_idle()
        clock.advance(minutes=10)


def advance_job(runtime, order_id):
    with runtime.reading() as session:
        return session.execute(select(Job).where(Job.kind == "order.advance",
                                                 Job.payload["orderId"].as_string() == order_id)
                               .order_by(Job.id)).scalars().one()


def records(runtime):
    with runtime.reading() as session:
        return list(session.execute(select(FalloutRecord).order_by(FalloutRecord.created_at, FalloutRecord.id))
                    .scalars())


def order_state(runtime, order_id):
    with runtime.reading() as session:
        order = session.get(CustomerOrder, order_id)
        return order.state, order.stage, len(order.items)


def test_the_same_failure_on_three_attempts_in_a_row_sends_the_order_to_fallout(
        client, runtime, worker, clock, install_pack, failing_advance):  # noqa: F811
    install_pack()
    failing_advance(*[ValueError("bad data in item 1") for _ in range(10)])
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, SAME_FAILURES - 1)
    job = advance_job(runtime, order_id)
    assert (job.state, job.attempts, records(runtime)) == ("queued", SAME_FAILURES - 1, [])
    assert job.last_error.endswith("(the same failure on 2 attempts in a row)")
    run_attempts(worker, clock, 3)
    job = advance_job(runtime, order_id)
    assert (job.state, job.attempts) == ("failed", SAME_FAILURES)
    assert "ValueError: bad data in item 1" in job.last_error
    [record] = records(runtime)
    assert (record.order_id, record.task_id, record.type, record.state) == (order_id, None, "job.failed", "open")
    assert record.details["jobId"] == job.id and record.details["jobKind"] == "order.advance"
    assert record.details["attempts"] == SAME_FAILURES and "ValueError: bad data" in record.error
    assert order_state(runtime, order_id) == ("acknowledged", "captured", 1)


def test_a_deterministic_failure_goes_to_fallout_at_once(client, runtime, worker, clock, failing_advance,
                                                        install_pack):  # noqa: F811
    install_pack()
    failing_advance(RecursionError("maximum recursion depth exceeded"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, 1)
    job = advance_job(runtime, order_id)
    assert (job.state, job.attempts) == ("failed", 1)
    [record] = records(runtime)
    assert record.type == "job.failed" and "RecursionError" in record.error
    with runtime.reading() as session:
        opened = session.execute(select(AuditEvent.entity_id).where(AuditEvent.action == "fallout.opened")
                                 .order_by(AuditEvent.id)).scalars().all()
    assert opened == [record.id]


def test_different_failures_are_retried_as_before(client, runtime, worker, clock, failing_advance,
                                                  install_pack):  # noqa: F811
    install_pack()
    failing_advance(*[ValueError(f"failure {n}") for n in range(4)])
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, 4)
    job = advance_job(runtime, order_id)
    assert (job.state, job.attempts, records(runtime)) == ("queued", 4, [])


def test_a_transient_failure_that_then_succeeds_is_no_fallout(client, runtime, worker, clock, failing_advance,
                                                              install_pack):  # noqa: F811
    install_pack()
    failing_advance(*[ConnectionError("connection refused") for _ in range(SAME_FAILURES + 1)])
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, SAME_FAILURES + 2)
    assert advance_job(runtime, order_id).state == "done"
    assert records(runtime) == []
    assert order_state(runtime, order_id)[1] != "captured"


def test_retrying_the_record_queues_the_job_again_and_it_succeeds_once_fixed(
        client, runtime, worker, clock, install_pack, failing_advance):  # noqa: F811
    install_pack()
    failing_advance(RecursionError("too deep"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, 1)
    [record] = records(runtime)
    answer = client.post(f"/api/v1/fallout/{record.id}/retry")
    assert answer.status_code == 200, answer.json
    job = advance_job(runtime, order_id)
    assert (job.state, job.attempts, job.last_error) == ("queued", 0, None)
    run_attempts(worker, clock, 1)
    assert advance_job(runtime, order_id).state == "done"
    [record] = records(runtime)
    assert (record.state, record.resolution) == ("resolved", "retried")
    assert order_state(runtime, order_id)[1] != "captured"
    assert client.post(f"/api/v1/fallout/{record.id}/retry").status_code == 409


def test_a_record_whose_job_is_not_failed_any_more_is_not_retried(client, runtime, worker, clock, failing_advance,
                                                                 install_pack):  # noqa: F811
    install_pack()
    failing_advance(MemoryError())
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, 1)
    [record] = records(runtime)
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.get(Job, record.details["jobId"]).state = "done"
    with pytest.raises(Conflict, match="is not failed"), runtime.unit_of_work(actor="test") as uow:
        actions.retry(uow, record.id)
    assert records(runtime)[0].state == "open" and order_id


def test_a_job_that_is_not_an_orders_keeps_its_own_retries(runtime, worker, clock):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.fail", {"message": "boom"})
    run_attempts(worker, clock, SAME_FAILURES + 1)
    with runtime.reading() as session:
        job = session.execute(select(Job)).scalars().one()
    assert (job.state, job.attempts) == ("queued", SAME_FAILURES + 1)
    assert records(runtime) == []


def test_an_agent_may_cancel_the_order_of_a_stopped_job_instead(client, runtime, worker, clock, failing_advance,
                                                                install_pack):  # noqa: F811
    install_pack()
    failing_advance(RecursionError("too deep"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    run_attempts(worker, clock, 1)
    [record] = records(runtime)
    answer = client.post(f"/api/v1/fallout/{record.id}/cancel-order", json={"reason": "cannot be processed"})
    assert answer.status_code == 200, answer.json
    run_attempts(worker, clock, 1)
    assert order_state(runtime, order_id)[0] == "cancelled"
    [record] = records(runtime)
    assert (record.state, record.resolution) == ("resolved", "orderCancelled")
    assert advance_job(runtime, order_id).state == "failed"


def test_a_task_job_that_always_fails_goes_to_fallout_on_its_task_once(client, runtime, worker, clock, monkeypatch,
                                                                      install_pack):  # noqa: F811
    from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskHandler
    from tests.engine.runtime.fallout.test_watchdog import REMOTE, plan_with

    def too_deep(ctx):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(TASK_HANDLERS, REMOTE, TaskHandler(REMOTE, too_deep, inline=False))
    install_pack(plan_with({"handler": REMOTE}))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.schedule_periodic()
    run_attempts(worker, clock, 3)
    [record] = records(runtime)
    with runtime.reading() as session:
        task = session.get(Task, record.task_id)
        job = session.get(Job, record.details["jobId"])
    assert (record.order_id, record.type, task.handler, task.state) == (order_id, "job.failed", REMOTE, "running")
    assert (job.kind, job.state, job.attempts) == ("task.run", "failed", 1)
    monkeypatch.setitem(TASK_HANDLERS, REMOTE, TaskHandler(REMOTE, lambda ctx: {"ok": True}, inline=False))
    assert client.post(f"/api/v1/fallout/{record.id}/retry").status_code == 200
    run_attempts(worker, clock, 1)
    with runtime.reading() as session:
        assert session.get(Task, record.task_id).state == "completed"
    assert [(r.type, r.state) for r in records(runtime)] == [("job.failed", "resolved")]
