"""Issue acceptance: 200 demo orders with 10 % of handler tasks failing for good end either completed or
owned by an open fallout record: none stuck, none lost, the audit chain intact; then the agents' bulk
retry (the system fixed) completes every one."""
import hashlib
import json
from collections import Counter

import pytest
from sqlalchemy import select

from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskFailed, TaskHandler
from engine.states import PRODUCT_ORDER
from engine.store import audit
from engine.store.models import CustomerOrder, FalloutRecord, Job, Task
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
ORDERS, RATE, SEED = 200, 0.10, "fault-test-7"


class FailingSimulator:
    """``simulator.run`` where a seeded 10 % of tasks fail on every attempt (a permanent, non-transient error)."""

    def __init__(self):
        self.original, self.healthy, self.calls = TASK_HANDLERS["simulator.run"], False, Counter()

    def doomed(self, ctx) -> bool:
        digest = hashlib.sha256(f"{SEED}:{ctx.order.external_id}:{ctx.task.key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2 ** 64 < RATE

    def __call__(self, ctx):
        failing = not self.healthy and self.doomed(ctx)
        self.calls["failed" if failing else "ok"] += 1
        if failing:
            raise TaskFailed(f"simulated permanent failure of {ctx.task.key}: rejected by the downstream system")
        return self.original.run(ctx)


@pytest.fixture
def simulator(monkeypatch):
    failing = FailingSimulator()
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", failing))
    return failing


def drive(worker, clock, minutes=60, step=5):
    for _ in range(minutes // step):
        worker.run_until_idle()
        clock.advance(minutes=step)
    worker.run_until_idle()


def check_nothing_stuck(session):
    """Every order completed, or not final with an open fallout record or a person's waiting task."""
    orders = session.execute(select(CustomerOrder)).scalars().all()
    tasks = session.execute(select(Task)).scalars().all()
    owned = set(session.execute(select(FalloutRecord.order_id).where(FalloutRecord.state == "open")).scalars())
    people = {t.order_id for t in tasks if t.state == "waiting" and t.type in ("manual", "workOrder", "approval")}
    queued = set(session.execute(select(Job.idempotency_key).where(Job.state.in_(("queued", "leased")))).scalars())
    assert len(orders) == ORDERS
    for order in orders:
        if order.state != "completed":
            assert not PRODUCT_ORDER.is_final(order.state), (order.id, order.state)
            assert order.id in owned or order.id in people, (order.id, order.state, order.stage)
    for task in tasks:
        assert task.state != "ready", task.id
        if task.state == "running":
            assert f"task.run:{task.id}:{task.attempt}" in queued, task.id
    assert audit.verify(session) is None
    return Counter(order.state for order in orders)


def test_200_orders_with_10_percent_failing_tasks_end_completed_or_in_fallout_then_recover(
        client, demo_pack, worker, runtime, clock, simulator):
    example = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    for n in range(ORDERS):
        assert client.post(BASE, json={**example, "externalId": f"fault-{n:03d}"}).status_code == 201
    assert "watchdog.scan" in worker.schedule_periodic()
    drive(worker, clock)

    with runtime.reading() as session:
        states = check_nothing_stuck(session)
        records = session.execute(select(FalloutRecord).where(FalloutRecord.state == "open")).scalars().all()
        failed_tasks = {t.id for t in session.execute(select(Task).where(Task.state == "failed")).scalars()}
        held_tasks = {t.id for t in session.execute(select(Task).where(Task.state == "onHold")).scalars()}
    assert states["completed"] + states["inProgress"] == ORDERS
    assert 0 < states["inProgress"] < ORDERS and simulator.calls["failed"] > 0
    assert {r.type for r in records} != {"stuck"} and not [r for r in records if r.type == "stuck"]
    assert held_tasks and {r.task_id for r in records} == failed_tasks | held_tasks  # the demo rules hold inventory

    simulator.healthy = True
    retried = client.post("/api/v1/fallout/retry", json={"ids": [r.id for r in records]}).json
    assert retried["retried"] == len(records)
    drive(worker, clock, minutes=30)
    with runtime.reading() as session:
        assert check_nothing_stuck(session) == {"completed": ORDERS}
