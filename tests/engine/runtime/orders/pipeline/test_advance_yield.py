"""A large order (more than ``ORDO_ORDER_YIELD_ITEMS`` items) advances one stage per job: the jobs of an order
captured after it run before it has finished, and it ends as it would have in one job."""
from sqlalchemy import select

from engine.runtime.jobs import queue as jobs
from engine.runtime.orders.persistence import ADVANCE
from engine.store.models import CustomerOrder, DomainOrder, Job, Task
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)

LARGE = 3


def without_approval(documents, bindings):
    bindings.pop("approval")


def large_order(items: int = LARGE) -> dict:
    order = fibre_order()
    template = order["productOrderItem"][0]
    order["productOrderItem"] = [{**template, "id": str(n + 1), "product": {
        **template["product"], "place": [{"id": f"site-{n + 1}", "role": "installationAddress"}]}}
        for n in range(items)]
    return order


def advance_jobs_run(runtime) -> list[str]:
    """The order of each ``order.advance`` job, in the order the worker took them (ids: one clock instant)."""
    with runtime.reading() as session:
        return [payload["orderId"] for payload in session.execute(
            select(Job.payload).where(Job.kind == ADVANCE, Job.state == jobs.DONE).order_by(Job.id)).scalars()]


def outcome(runtime, order_id):
    with runtime.reading() as session:
        order = session.get(CustomerOrder, order_id)
        domain = session.execute(select(DomainOrder.state).where(DomainOrder.order_id == order_id)
                                 .order_by(DomainOrder.id)).scalars().all()
        tasks = session.execute(select(Task.key, Task.state).where(Task.order_id == order_id)
                                .order_by(Task.id)).all()
        return order.state, order.stage, sorted(domain), sorted(tasks)


def test_a_small_order_queued_after_a_large_one_advances_before_the_large_one_finishes(
        client, runtime, worker, monkeypatch, install_pack):  # noqa: F811
    monkeypatch.setenv("ORDO_ORDER_YIELD_ITEMS", str(LARGE - 1))
    install_pack(without_approval)
    large = client.post(BASE, json=large_order()).json["id"]
    small = client.post(BASE, json=fibre_order()).json["id"]
    worker.run_until_idle()
    ran = advance_jobs_run(runtime)
    assert ran[:2] == [large, small]
    assert ran.count(large) > 2 and ran.count(small) == 1
    assert outcome(runtime, large)[:2] == outcome(runtime, small)[:2] == ("inProgress", "fulfilling")


def test_a_large_order_ends_as_it_does_in_one_job(client, runtime, worker, monkeypatch, install_pack):  # noqa: F811
    install_pack(without_approval)
    monkeypatch.setenv("ORDO_ORDER_YIELD_ITEMS", "0")
    whole = client.post(BASE, json=large_order()).json["id"]
    worker.run_until_idle()
    monkeypatch.setenv("ORDO_ORDER_YIELD_ITEMS", str(LARGE - 1))
    staged = client.post(BASE, json=large_order()).json["id"]
    worker.run_until_idle()
    assert advance_jobs_run(runtime).count(whole) == 1
    assert outcome(runtime, staged) == outcome(runtime, whole)


def test_a_repeated_or_retried_stage_job_changes_nothing_twice(client, runtime, worker, monkeypatch,
                                                               install_pack):  # noqa: F811
    monkeypatch.setenv("ORDO_ORDER_YIELD_ITEMS", str(LARGE - 1))
    install_pack(without_approval)
    reference = client.post(BASE, json=large_order()).json["id"]
    worker.run_until_idle()
    order_id = client.post(BASE, json=large_order()).json["id"]
    assert worker.run_once()
    with runtime.unit_of_work(actor="test") as uow:  # a second advance, as a crashed worker's retried job is
        uow.enqueue(ADVANCE, {"orderId": order_id})
        uow.enqueue(ADVANCE, {"orderId": order_id})
    worker.run_until_idle()
    assert outcome(runtime, order_id) == outcome(runtime, reference)
