"""The watchdog raises every stuck order once, as a task-less ``stuck`` fallout record, and clears it when
the order moves on; agents retry it (the order is advanced again) and cannot force-complete it."""
import pytest
from sqlalchemy import delete, select, update

from engine.runtime.jobs import queue as jobs
from engine.runtime.jobs.worker import Worker
from engine.store.models import AuditEvent, CustomerOrder, FalloutRecord, Job
from tests.engine.runtime.fallout.test_watchdog import plan_with, remote_handler  # noqa: F401  (fixture)
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import failing_resource_task


@pytest.fixture
def watchdog(runtime, clock):
    """A worker that runs only the watchdog scan (so the orders' own jobs stay as they are)."""
    only = Worker(runtime.session_factory, clock, worker_id="watchdog", kinds=["watchdog.scan"])
    only.schedule_periodic()
    return only


def scan(watchdog, clock, times=1):
    for _ in range(times):
        clock.advance(minutes=1)
        watchdog.run_until_idle()


def capture(client):
    """A captured order whose ``order.advance`` job has not run."""
    return client.post(BASE, json=fibre_order()).json["id"]


def set_advance_jobs(runtime, order_id, **values):
    with runtime.unit_of_work(actor="test") as uow:
        query = update(Job).where(Job.kind == "order.advance", Job.payload["orderId"].as_string() == order_id)
        uow.session.execute(query.values(**values))


def order_records(runtime):
    with runtime.reading() as session:
        return list(session.execute(select(FalloutRecord).where(FalloutRecord.task_id.is_(None))
                                    .order_by(FalloutRecord.created_at)).scalars())


def stage_of(runtime, order_id):
    with runtime.reading() as session:
        return session.get(CustomerOrder, order_id).stage


def test_an_order_whose_advance_job_failed_for_good_is_raised_once(client, runtime, clock, watchdog,
                                                                   install_pack):  # noqa: F811
    install_pack()
    order_id = capture(client)
    scan(watchdog, clock)
    assert order_records(runtime) == []
    set_advance_jobs(runtime, order_id, state=jobs.FAILED, last_error="RuntimeError: enrichment table broken")
    scan(watchdog, clock, times=3)
    [record] = order_records(runtime)
    assert (record.order_id, record.type, record.state, record.priority) == (order_id, "stuck", "open", 2)
    assert "failed for good" in record.error and "enrichment table broken" in record.error
    assert record.details == {"detectedBy": "watchdog", "orderState": "acknowledged", "stage": "captured"}
    with runtime.reading() as session:
        opened = session.execute(select(AuditEvent).where(AuditEvent.action == "fallout.opened")).scalar_one()
    assert opened.data["taskId"] is None and opened.actor.startswith("worker:")
    listed = client.get("/api/v1/fallout", query_string={"type": "stuck"}).json
    assert [(r["id"], r["taskId"]) for r in listed] == [(record.id, None)]
    assert client.get("/api/v1/fallout/summary?type=stuck").json["open"] == 1


def test_retrying_an_order_record_advances_the_order_again(client, runtime, clock, watchdog, worker,
                                                           install_pack):  # noqa: F811
    install_pack()
    order_id = capture(client)
    set_advance_jobs(runtime, order_id, state=jobs.FAILED, last_error="boom")
    scan(watchdog, clock)
    [record] = order_records(runtime)
    retried = client.post(f"/api/v1/fallout/{record.id}/retry")
    assert retried.status_code == 200 and retried.json["resolution"] == "retried"
    assert client.post(f"/api/v1/fallout/{record.id}/retry").status_code == 409
    worker.run_until_idle()
    assert stage_of(runtime, order_id) != "captured"
    scan(watchdog, clock)
    assert [(r.state, r.resolution) for r in order_records(runtime)] == [("resolved", "retried")]


@pytest.mark.parametrize("action, body", [("force-complete", {"reason": "done by hand"}),
                                          ("fix", {"params": {"x": 1}}), ("fail-item", {"reason": "give up"})])
def test_task_actions_on_an_order_record_are_refused_with_what_to_do(client, runtime, clock, watchdog,
                                                                     install_pack, action, body):  # noqa: F811
    install_pack()
    order_id = capture(client)
    set_advance_jobs(runtime, order_id, state=jobs.FAILED, last_error="boom")
    scan(watchdog, clock)
    [record] = order_records(runtime)
    refused = client.post(f"/api/v1/fallout/{record.id}/{action}", json=body)
    assert refused.status_code == 409 and "retry the record" in refused.json["detail"]
    assert [r.state for r in order_records(runtime)] == ["open"]


def test_an_order_without_its_advance_job_is_raised_and_cleared_when_it_moves(client, runtime, clock, watchdog,
                                                                              worker, install_pack):  # noqa: F811
    install_pack()
    order_id = capture(client)
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(delete(Job).where(Job.kind == "order.advance"))
    scan(watchdog, clock)
    [record] = order_records(runtime)
    assert "no order.advance job moves it on" in record.error
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("order.advance", {"orderId": order_id})
    worker.run_until_idle()
    scan(watchdog, clock)
    [record] = order_records(runtime)
    assert (record.state, record.resolution) == ("resolved", "cleared")
    assert "now" in record.details["reason"]


def test_an_in_progress_order_with_nothing_left_to_move_it_is_raised(client, runtime, clock, watchdog, worker,
                                                                     install_pack):  # noqa: F811
    install_pack(failing_resource_task("no port left to reserve"))
    order_id = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    scan(watchdog, clock)
    assert order_records(runtime) == []  # its failed task has an open record: an agent owns it
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(FalloutRecord).values(state="resolved", resolution="lost"))
    scan(watchdog, clock, times=2)
    [record] = order_records(runtime)
    assert record.order_id == order_id and "no open task, no open fallout" in record.error
    assert record.details["orderState"] == "inProgress"


def test_an_order_with_work_under_way_is_not_raised(client, runtime, clock, watchdog, install_pack,  # noqa: F811
                                                    remote_handler):  # noqa: F811
    install_pack(plan_with({"handler": "test.remote"}))
    client.post(BASE, json=fibre_order())
    Worker(runtime.session_factory, clock, worker_id="advancer", kinds=["order.advance"]).run_until_idle()
    scan(watchdog, clock, times=3)
    assert order_records(runtime) == []


def test_a_task_held_by_the_fallout_rules_keeps_its_order_raised_once_nobody_owns_it(
        client, runtime, clock, watchdog, worker, install_pack):  # noqa: F811
    from tests.engine.runtime.orders.pipeline.test_pipeline_fallout_decisions import failing_with

    install_pack(failing_with("hold"))
    client.post(BASE, json=fibre_order())
    worker.run_until_idle()
    scan(watchdog, clock)
    assert order_records(runtime) == []
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(FalloutRecord).values(state="resolved", resolution="lost"))
    scan(watchdog, clock)
    assert [r.state for r in order_records(runtime)] == ["open"]


def test_an_order_the_watchdog_cannot_judge_does_not_stop_it_for_the_others(client, runtime, clock, watchdog,
                                                                             install_pack, monkeypatch):  # noqa: F811
    from engine.runtime.fallout import watchdog_orders
    from engine.store.models import PeriodicJobStatus

    install_pack()
    bad, good = capture(client), capture(client)
    for order_id in (bad, good):
        set_advance_jobs(runtime, order_id, state=jobs.FAILED, last_error="boom")
    judge = watchdog_orders.why_stuck

    def failing(session, order):
        if order.id == bad:
            raise ValueError("unreadable order")
        return judge(session, order)
    monkeypatch.setattr(watchdog_orders, "why_stuck", failing)
    scan(watchdog, clock)
    assert [record.order_id for record in order_records(runtime)] == [good]
    with runtime.reading() as session:
        status = session.get(PeriodicJobStatus, "watchdog.scan")
        assert status.consecutive_failures == 1
        assert status.failed_items == [{"subject": f"order {bad}", "error": "ValueError: unreadable order"}]


def test_an_order_left_in_approving_without_its_advance_job_is_raised(client, runtime, clock, watchdog,
                                                                      install_pack):  # noqa: F811
    """``approving`` is a stage one ``order.advance`` job runs through, like pricing before it."""
    install_pack()
    order_id = capture(client)
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(CustomerOrder).where(CustomerOrder.id == order_id).values(stage="approving"))
    set_advance_jobs(runtime, order_id, state=jobs.FAILED, last_error="RuntimeError: approval table broken")
    scan(watchdog, clock)
    [record] = order_records(runtime)
    assert (record.order_id, record.details["stage"]) == (order_id, "approving")
