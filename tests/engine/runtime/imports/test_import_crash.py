"""An import killed mid-run (SIGKILL of the `ordo import` process running its chunks) and started again
finishes with every order created exactly once: the chunk in flight rolls back, the resume point is the last
committed chunk's, and the capture key (source + order key) would refuse a second copy anyway."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from engine.store.models import CustomerOrder, ImportedOrder, OrderImport
from tests.conftest import ROOT
from tests.engine.runtime.imports.support import add_customers, line, publish_mapping, write_csv

pytestmark = [pytest.mark.slow, pytest.mark.db]
ORDERS = 250


def ordo_import(database_url: str, home, path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "api.cli", "--as", "agent", "import", str(path), "--mapping", "import.acme-fibre",
            "--lease-seconds", "3", *extra]


def environment(database_url: str, home) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ORDO_")}
    return {**clean, "ORDO_DATABASE_URL": database_url, "ORDO_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def progress(runtime) -> tuple[str, int] | None:
    with runtime.reading() as session:
        found = session.execute(select(OrderImport.state, OrderImport.orders_created)).first()
    return tuple(found) if found else None


def test_a_killed_import_started_again_creates_every_order_once(runtime, demo_pack, database_url, make_user,
                                                               tmp_path):
    make_user("agent", "orderAgent")
    publish_mapping(runtime)
    add_customers(runtime, "cust-1", "cust-2")
    path = write_csv(tmp_path / "partner.csv", [line(f"K-{n:04d}", customer=f"cust-{1 + n % 2}")
                                                for n in range(ORDERS)])
    env = environment(database_url, tmp_path / "home")
    first = subprocess.Popen(ordo_import(database_url, tmp_path, path), cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        seen = progress(runtime)
        if seen and seen[1] >= 100 or first.poll() is not None:
            break
        time.sleep(0.05)
    first.kill()
    first.wait(timeout=30)
    killed_at = progress(runtime)
    assert killed_at is not None and killed_at[0] == "running" and 100 <= killed_at[1] < ORDERS, killed_at

    again = subprocess.run(ordo_import(database_url, tmp_path, path), cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "resuming import" in again.stdout
    with runtime.reading() as session:
        keys = session.scalars(select(CustomerOrder.external_id)).all()
        record = session.execute(select(OrderImport)).scalar_one()
        linked = session.scalar(select(func.count()).select_from(ImportedOrder))
    assert len(keys) == len(set(keys)) == ORDERS
    assert (record.state, record.orders_created, record.orders_rejected, record.rows_read, linked) == (
        "completed", ORDERS, 0, ORDERS, ORDERS)
