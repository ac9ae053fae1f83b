"""Many machines on one PostgreSQL: 2 API servers and 3 workers as separate processes, one of each killed mid-run.

Nothing coordinates them but the database (the SKIP LOCKED queue, leases, idempotent capture by externalId).
300 orders go to either server; when a server dies its client sends the same request to the other one (the
externalId makes that safe); a worker killed with jobs in hand loses its leases, and the others take the jobs
over when the leases run out. Every order must complete exactly once.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from engine.store import audit
from engine.store.models import AuditEvent, CustomerOrder, Job, Product
from tests.conftest import BACKEND, DEMO_PACK, ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(BACKEND != "postgresql", reason="many servers and workers share one PostgreSQL")]
ORDERS = 300
PATH = "/tmf-api/productOrderingManagement/v4/productOrder"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url: str, secret: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDO_")}
    return {**env, "ORDO_DATABASE_URL": database_url, "ORDO_SECRET_KEY": secret, "PYTHONUNBUFFERED": "1"}


def start(env: dict, *command: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "api.cli", *command], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server on {port} did not come up")


def post(port: int, order: dict, token: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{PATH}", data=json.dumps(order).encode(),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status


def test_two_servers_and_three_workers_complete_300_orders_once_though_one_of_each_dies(
        runtime, database_url, demo_pack, make_user):
    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    token = make_user("partner", "integration").token
    env = environment(database_url, secrets.token_hex(32))
    ports = [free_port(), free_port()]
    servers = [start(env, "serve", "--port", str(port)) for port in ports]
    workers = [start(env, "worker", "--poll-interval", "0.1", "--lease-seconds", "3") for _ in range(3)]
    posted = Counter()
    try:
        for port in ports:
            wait_up(port)

        def send(n: int) -> None:
            order = {**document, "externalId": f"many-{n}"}
            for port in (ports[n % 2], ports[(n + 1) % 2]):
                try:
                    posted[post(port, order, token)] += 1
                    return
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    continue  # that server died: the same request, with its externalId, to the other one
            raise AssertionError(f"order {n} reached no server")

        with ThreadPoolExecutor(6) as pool:
            for n, _ in enumerate(pool.map(send, range(ORDERS))):
                if n == ORDERS // 3:
                    servers[0].send_signal(signal.SIGKILL)
                if n == ORDERS // 2:
                    workers[0].send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 300
        while completed(runtime) < ORDERS and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        for process in [*servers, *workers]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [*servers, *workers]:
            process.wait(timeout=60)
    assert sum(posted.values()) == ORDERS and set(posted) <= {200, 201}
    with runtime.reading() as session:
        states = Counter(session.execute(select(CustomerOrder.state)).scalars())
        completions = Counter(entity_id for entity_id, data in session.execute(
            select(AuditEvent.entity_id, AuditEvent.data).where(AuditEvent.action == "order.state_changed"))
            if data["to"] == "completed")
        products = Counter(session.execute(select(Product.order_id)).scalars())
        external_ids = session.scalar(select(func.count(func.distinct(CustomerOrder.external_id))))
        failed_jobs = session.scalar(select(func.count()).select_from(Job).where(Job.state == "failed"))
        assert audit.verify(session) is None
    assert states == Counter({"completed": ORDERS}) and external_ids == ORDERS
    assert set(completions.values()) == {1} and len(completions) == ORDERS
    assert len(set(products.values())) == 1 and len(products) == ORDERS, "an order's products made twice"
    assert failed_jobs == 0


def completed(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder)
                              .where(CustomerOrder.state == "completed"))
