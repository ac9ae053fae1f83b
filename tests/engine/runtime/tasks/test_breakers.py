"""Circuit breakers per external system: a system failing hard gets no retry storm, its tasks are held
and released when it is back (a successful probe, or an operator marking it up)."""
import json

import pytest
from sqlalchemy import func, select, update

from engine.clock import iso
from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskFailed, TaskHandler
from engine.store import audit
from engine.store.models import (
    AuditEvent,
    CustomerOrder,
    DomainOrder,
    FalloutRecord,
    HeldTask,
    SystemBreaker,
    Task,
)
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
SYSTEM = "oss-fibre"


class FlakySystem:
    """Wraps ``simulator.run``: while ``down``, calls for tasks of ``oss-fibre`` fail with ``error``."""

    def __init__(self, error="OSS unreachable: connection refused"):
        self.down, self.error, self.calls = True, error, 0
        self.original = TASK_HANDLERS["simulator.run"]

    def __call__(self, ctx):
        domain_order = ctx.uow.session.get(DomainOrder, ctx.task.domain_order_id)
        if domain_order.fulfilment_system == SYSTEM:
            self.calls += 1
            if self.down:
                raise TaskFailed(self.error)
        return self.original.run(ctx)


@pytest.fixture
def flaky(monkeypatch):
    system = FlakySystem()
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", system))
    return system


def place_orders(client, count):
    body = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())
    for n in range(count):
        assert client.post(BASE, json={**body, "externalId": f"storm-{n}"}).status_code == 201


def order_states(runtime):
    with runtime.reading() as session:
        return dict(session.execute(select(CustomerOrder.state, func.count()).group_by(CustomerOrder.state)).all())


def count(runtime, model, *where):
    with runtime.reading() as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def system(client):
    return next(s for s in client.get("/api/v1/systems").json if s["system"] == SYSTEM)


def test_no_retry_storm_tasks_are_held_and_marking_up_completes_them_all(client, demo_pack, worker, runtime,
                                                                        clock, flaky):
    place_orders(client, 30)
    worker.run_until_idle()
    assert flaky.calls == 5
    breaker = system(client)
    assert (breaker["state"], breaker["failures"], breaker["heldTasks"]) == ("open", 5, 2 * 30 - 4)
    for _ in range(3):
        clock.advance(seconds=61)
        worker.run_until_idle()
    assert flaky.calls == 5 + 3
    assert count(runtime, FalloutRecord) == 0
    assert count(runtime, Task, Task.state == "onHold") >= 2 * 30 - 5
    held = client.get("/api/v1/orders/" + _any_held_order(runtime)).json
    assert any("held: system oss-fibre is down" in n["text"] for t in held["tasks"] for n in t.get("notes") or [])

    flaky.down = False
    assert client.post(f"/api/v1/systems/{SYSTEM}/up").json["state"] == "closed"
    worker.run_until_idle()
    clock.advance(hours=1)
    worker.run_until_idle()
    assert order_states(runtime) == {"completed": 30}
    assert count(runtime, HeldTask) == 0 and count(runtime, FalloutRecord) == 0
    with runtime.reading() as session:
        assert audit.verify(session) is None


def _any_held_order(runtime):
    with runtime.reading() as session:
        return session.execute(select(HeldTask.order_id).limit(1)).scalar_one()


def test_a_successful_probe_closes_the_breaker_and_releases_every_held_task(client, demo_pack, worker, runtime,
                                                                           clock, flaky):
    place_orders(client, 12)
    worker.run_until_idle()
    assert system(client)["heldTasks"] == 2 * 12 - 4
    flaky.down = False
    clock.advance(seconds=61)
    worker.run_until_idle()
    assert flaky.calls == 5 + 5 * 12
    assert system(client)["state"] == "closed" and system(client)["heldTasks"] == 0
    assert order_states(runtime) == {"completed": 12}
    with runtime.reading() as session:
        actions = list(session.execute(select(AuditEvent.action).where(AuditEvent.entity_type == "system")
                                       .order_by(AuditEvent.id)).scalars())
    assert actions == ["system.down", "system.probe", "system.up"]


def test_a_failed_probe_opens_the_breaker_again_for_another_cool_down(client, demo_pack, worker, clock, flaky):
    place_orders(client, 8)
    worker.run_until_idle()
    clock.advance(seconds=61)
    worker.run_until_idle()
    breaker = system(client)
    assert flaky.calls == 6 and breaker["state"] == "open" and breaker["openedAt"] == iso(clock.now())
    clock.advance(seconds=30)
    worker.run_until_idle()
    assert flaky.calls == 6


def test_failures_of_the_orders_data_do_not_open_the_breaker(client, demo_pack, worker, runtime, clock, monkeypatch):
    flaky = FlakySystem(error="OSS rejected the request: VLAN 4095 is reserved")
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", flaky))
    place_orders(client, 6)
    for _ in range(4):
        worker.run_until_idle()
        clock.advance(minutes=10)
    assert count(runtime, HeldTask) == 0 and flaky.calls == 2 * 6 * 3
    assert count(runtime, FalloutRecord, FalloutRecord.state == "open") == 2 * 6


def test_a_system_marked_down_holds_its_tasks_without_probing_until_marked_up(client, demo_pack, worker, runtime,
                                                                             clock, flaky):
    flaky.down = False
    assert client.post(f"/api/v1/systems/{SYSTEM}/down").json["forcedDown"] is True
    place_orders(client, 3)
    worker.run_until_idle()
    clock.advance(hours=2)
    worker.run_until_idle()
    assert flaky.calls == 0 and system(client)["heldTasks"] == 2 * 3
    assert client.post(f"/api/v1/systems/{SYSTEM}/up").status_code == 200
    worker.run_until_idle()
    assert order_states(runtime) == {"completed": 3}


def test_marking_up_an_unknown_system_is_not_found(client, demo_pack):
    assert client.post("/api/v1/systems/nowhere/up").status_code == 404
    assert client.get("/api/v1/systems").json == []


def test_the_watchdog_releases_tasks_still_held_for_a_system_whose_breaker_is_closed(client, demo_pack, worker,
                                                                                   runtime, clock, flaky):
    place_orders(client, 6)
    worker.run_until_idle()
    flaky.down = False
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(SystemBreaker).values(state="closed", failures=0))
    worker.schedule_periodic()
    clock.advance(minutes=1)
    worker.run_until_idle()
    clock.advance(minutes=10)
    worker.run_until_idle()
    assert count(runtime, HeldTask) == 0 and order_states(runtime) == {"completed": 6}


def test_held_tasks_of_an_out_of_line_handler_run_again_in_jobs_of_their_own(client, demo_pack, worker, runtime,
                                                                            clock, monkeypatch):
    remote = FlakySystem()
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", remote, inline=False))
    place_orders(client, 4)
    worker.run_until_idle()
    assert system(client)["state"] == "open" and count(runtime, HeldTask) > 0
    remote.down = False
    client.post(f"/api/v1/systems/{SYSTEM}/up")
    for _ in range(3):
        worker.run_until_idle()
        clock.advance(minutes=10)
    assert order_states(runtime) == {"completed": 4} and count(runtime, HeldTask) == 0


def test_threshold_and_cool_down_of_new_breakers_come_from_the_configuration(client, demo_pack, worker, clock,
                                                                            flaky, monkeypatch):
    monkeypatch.setenv("ORDO_BREAKER_THRESHOLD", "2")
    monkeypatch.setenv("ORDO_BREAKER_COOL_DOWN", "300")
    place_orders(client, 3)
    worker.run_until_idle()
    breaker = system(client)
    assert (flaky.calls, breaker["state"], breaker["threshold"], breaker["coolDownSeconds"]) == (2, "open", 2, 300)
    clock.advance(seconds=299)
    worker.run_until_idle()
    assert flaky.calls == 2
    clock.advance(seconds=1)
    worker.run_until_idle()
    assert flaky.calls == 3
