"""How long one jeopardy scan takes over N open orders (default 1,000), and acting on what it found.

Builds a fresh database with the demo pack and N orders in progress written directly (no pipeline):
each a fibre order with five tasks, its field work order waiting at a spread of 0-160 % of its
5-day SLA, one order in ten with a committed date it cannot make. Then times, on the fake clock:
  1. the first scan (every order in jeopardy changed: one jeopardy.apply job each),
  2. running those apply jobs (alerts, rules, TMF events),
  3. a steady scan a minute later (nothing changed: the cost paid every minute).

The database is the bench's own scratch one (SQLite in a temporary folder, or ``ordo_bench_<random>``
created on the PostgreSQL server of ``--pg-server``), dropped at the end; nothing else is touched.
Needs no environment variables.

    .venv/bin/python bench/jeopardy_scan.py                    # SQLite in a temporary file
    .venv/bin/python bench/jeopardy_scan.py --orders 5000
    .venv/bin/python bench/jeopardy_scan.py --backend postgresql [--pg-server postgresql://postgres@127.0.0.1:5432/postgres]
    .venv/bin/python bench/jeopardy_scan.py --orders 50        # a quick check that it runs
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

from scratch import DEFAULT_SERVER, scratch_database
from sqlalchemy import create_engine, func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.clock import FakeClock  # noqa: E402
from engine.runtime.jeopardy import scan as jeopardy_scan  # noqa: E402
from engine.runtime.jobs.worker import Worker  # noqa: E402
from engine.runtime.service import Runtime  # noqa: E402
from engine.states import Stage  # noqa: E402
from engine.store.db import normalise_url  # noqa: E402
from engine.store.migrate import upgrade  # noqa: E402
from engine.store.models import CustomerOrder, DomainOrder, JeopardyAlert, OrderItem, Task  # noqa: E402
from studio.packs import activate, import_pack, read_pack_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SLA = timedelta(days=5)
TASKS = (("reserve", "auto", None, 3600), ("install", "workOrder", "field-north", int(SLA.total_seconds())),
         ("cooling", "waitUntil", None, None), ("activate", "auto", None, 3600), ("ready", "milestone", None, None))


def migrated(url: str) -> str:
    engine = create_engine(normalise_url(url))
    upgrade(engine)
    engine.dispose()
    return url


def add_order(session, pack_id: int, n: int, orders: int, now) -> None:
    order_id, placed = str(uuid.uuid4()), now - timedelta(days=8)
    waited = SLA * (1.6 * n / orders)
    payload = {"category": "business" if n % 4 == 0 else "residential"}
    if n % 10 == 0:
        payload["requestedCompletionDate"] = (now + timedelta(hours=6)).isoformat()
    session.add(CustomerOrder(id=order_id, state="inProgress", stage=Stage.FULFILLING, pack_id=pack_id, payload=payload,
                              order_date=placed, updated_at=now))
    session.add(OrderItem(order_id=order_id, item_id="1", position=0, action="add", offering_id="fibre-500",
                          state="inProgress", payload={}))
    domain_id = str(uuid.uuid4())
    session.add(DomainOrder(id=domain_id, order_id=order_id, ref="service:1", domain="service",
                            fulfilment_system="oss-fibre", state="inProgress", payload={"lines": [{"itemId": "1"}]},
                            created_at=placed, updated_at=now))
    previous = []
    for key, kind, group, sla in TASKS:
        first = key == "reserve"
        state = "completed" if first else ("waiting" if key == "install" else "pending")
        ready = placed if first else (now - waited if key == "install" else None)
        session.add(Task(id=str(uuid.uuid4()), order_id=order_id, domain_order_id=domain_id, key=key, name=key,
                         type=kind, state=state, depends_on=previous, assignment_group=group,
                         spec={"sla": sla, "duration": 600 if kind == "auto" else 86400}, created_at=placed,
                         ready_at=ready, started_at=ready, completed_at=placed + timedelta(minutes=5) if first else None))
        previous = [key]


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    print(f"{label:<46} {elapsed * 1000:9.0f} ms   ({result})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER,
                        help=f"a URL on the PostgreSQL server where the scratch database is made (default {DEFAULT_SERVER})")
    args = parser.parse_args()
    with scratch_database(args.backend, args.pg_server) as url:
        bench(migrated(url), args.orders)


def bench(url: str, orders: int) -> None:
    clock = FakeClock()
    runtime = Runtime.connect(url, clock)
    with runtime.unit_of_work(actor="bench") as uow:
        pack = import_pack(uow, read_pack_folder(ROOT / "rulepacks" / "telco-demo"))
        activate(uow, pack)
    with runtime.unit_of_work(actor="bench") as uow:
        for n in range(orders):
            add_order(uow.session, pack.id, n, orders, clock.now())
    print(f"{platform.node()} {platform.machine()} {platform.python_version()} "
          f"{runtime.engine.dialect.name}: {orders} orders in progress")

    def scan() -> str:
        with runtime.unit_of_work(actor="bench") as uow:
            return f"{jeopardy_scan.scan(uow)} orders queued"

    worker = Worker(runtime.session_factory, clock, worker_id="bench", kinds=[jeopardy_scan.APPLY])
    timed("first scan (every order in jeopardy changed)", scan)
    timed("apply: alerts, rules, events", lambda: f"{worker.run_until_idle()} jobs")
    clock.advance(minutes=1)
    timed("steady scan a minute later (no change)", scan)
    with runtime.reading() as session:
        print(f"alerts: {session.scalar(select(func.count()).select_from(JeopardyAlert))}")
    runtime.engine.dispose()


if __name__ == "__main__":
    main()
