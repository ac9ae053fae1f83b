"""The queue's guarantees with real `ordo worker` processes: exactly-once effects, takeover, shutdown."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from engine.store import audit
from engine.store.models import AuditEvent, Job
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
DIAGNOSTIC = Job.kind.like("diagnostic.%")  # workers also queue the periodic scans (jeopardy) when they start


class WorkerProcess:
    def __init__(self, database_url: str, lease_seconds: float = 60):
        env = {**os.environ, "ORDO_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--lease-seconds", str(lease_seconds),
             "--poll-interval", "0.05"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        self.worker_id = f"{socket.gethostname()}:{self.process.pid}"

    def wait_started(self, timeout: float = 60) -> None:
        deadline, seen = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            seen.append(line)
            if "started" in line:
                threading.Thread(target=self.process.stderr.read, daemon=True).start()
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError(f"worker {self.worker_id} did not start (exit {self.process.poll()}): {''.join(seen)}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def wait_for(predicate, timeout: float = 120, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError("condition not reached in time")


def marks_recorded(runtime) -> Counter:
    with runtime.reading() as session:
        return Counter(session.execute(select(AuditEvent.entity_id)
                                       .where(AuditEvent.action == "diagnostic.recorded")).scalars())


def job_states(runtime) -> Counter:
    with runtime.reading() as session:
        return Counter(session.execute(select(Job.state).where(DIAGNOSTIC)).scalars())


def test_two_workers_run_500_jobs_each_effect_exactly_once(runtime, database_url):
    workers = [WorkerProcess(database_url), WorkerProcess(database_url)]
    try:
        for w in workers:
            w.wait_started()
        with runtime.unit_of_work(actor="test") as uow:
            for n in range(500):
                uow.enqueue("diagnostic.record", {"mark": n})
        wait_for(lambda: job_states(runtime) == Counter({"done": 500}))
    finally:
        exit_codes = [w.stop() for w in workers]
    assert exit_codes == [0, 0]
    assert marks_recorded(runtime) == Counter({str(n): 1 for n in range(500)})
    with runtime.reading() as session:
        by_worker = dict(session.execute(select(Job.leased_by, func.count()).where(Job.kind == "diagnostic.record")
                                          .group_by(Job.leased_by)).all())
        assert audit.verify(session) is None
    assert set(by_worker) == {w.worker_id for w in workers}, by_worker


def test_a_job_of_a_killed_worker_is_completed_once_by_another_after_the_lease(runtime, database_url):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.sleep", {"mark": "k", "seconds": 3})
    first = WorkerProcess(database_url, lease_seconds=2)
    wait_for(lambda: _job(runtime).state == "leased", timeout=30)
    assert _job(runtime).leased_by == first.worker_id
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    second = WorkerProcess(database_url, lease_seconds=30)
    try:
        wait_for(lambda: _job(runtime).state == "done", timeout=60)
    finally:
        second.stop()
    job = _job(runtime)
    assert (job.attempts, job.leased_by) == (2, second.worker_id)
    assert marks_recorded(runtime) == Counter({"k": 1})


def test_sigterm_lets_the_current_job_finish_then_the_worker_exits(runtime, database_url):
    worker = WorkerProcess(database_url)
    worker.wait_started()
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.sleep", {"mark": "t", "seconds": 1.5})
    wait_for(lambda: _job(runtime).state == "leased", timeout=30, interval=0.02)
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(timeout=30) == 0
    assert _job(runtime).state == "done"
    assert marks_recorded(runtime) == Counter({"t": 1})


def _job(runtime) -> Job:
    with runtime.reading() as session:
        return session.execute(select(Job).where(DIAGNOSTIC).order_by(Job.id).limit(1)).scalar_one()


def test_two_workers_complete_demo_orders_with_one_unbroken_audit_chain(runtime, database_url, demo_pack):
    """Audit entries are chained at commit: two workers finishing orders side by side (on PostgreSQL; SQLite has
    one writer, and one worker may take every order) still leave one chain, in id order, with every order's
    entries in it."""
    import json

    from engine.runtime.orders.persistence import capture
    from engine.store.models import CustomerOrder
    from tests.conftest import DEMO_PACK

    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    order = {key: value for key, value in document.items() if key != "externalId"}
    workers = [WorkerProcess(database_url), WorkerProcess(database_url)]
    try:
        for w in workers:
            w.wait_started()
        with runtime.unit_of_work(actor="test") as uow:
            ids = [capture(uow, order).id for _ in range(30)]

        def states() -> Counter:
            with runtime.reading() as session:
                return Counter(session.execute(select(CustomerOrder.state)).scalars())

        wait_for(lambda: states() == Counter({"completed": 30}), timeout=300)
    finally:
        exit_codes = [w.stop() for w in workers]
    assert exit_codes == [0, 0]
    with runtime.reading() as session:
        assert audit.verify(session) is None
        completed = {entity_id for entity_id, data in session.execute(select(
            AuditEvent.entity_id, AuditEvent.data).where(AuditEvent.action == "order.state_changed"))
            if data["to"] == "completed"}
    assert completed == set(ids)
