"""End-to-end orders per second: POST productOrder through the HTTP API until every order is completed.

The order is one of the demo pack's examples that complete unattended (default: fibre + router +
static IP, all-auto plans).

Creates its own scratch database (SQLite in a temporary folder, or ``ordo_bench_<random>`` on the
PostgreSQL server given by ``--pg-server``, dropped at the end; nothing else is touched), runs
``ordo serve`` and N ``ordo worker`` processes with a throwaway secret key and no inherited ``ORDO_*``
settings, posts orders from client threads, and reports throughput from the first POST to the last
completion. Needs no environment variables.

    .venv/bin/python bench/orders_e2e.py                      # both configurations of RESULTS.md
    .venv/bin/python bench/orders_e2e.py --backend postgresql --workers 2 --orders 500
    .venv/bin/python bench/orders_e2e.py --backend sqlite --orders 20          # a quick check that it runs
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scratch import DEFAULT_SERVER, scratch_database, server_environment
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.store.db import normalise_url  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ORDO = [sys.executable, "-m", "api.cli"]
EXAMPLES = ROOT / "rulepacks" / "telco-demo" / "examples"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, order: dict, token: str) -> str:
    request = urllib.request.Request(url, data=json.dumps(order).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["id"]


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server at {url} did not come up")


def run(backend: str, workers: int, orders: int, clients: int, example: str, pg_server: str) -> dict:
    order = {k: v for k, v in json.loads((EXAMPLES / f"{example}.json").read_text()).items() if k != "externalId"}
    with scratch_database(backend, pg_server) as url:
        env = server_environment(url)
        subprocess.run([*ORDO, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
        subprocess.run([*ORDO, "pack", "seed", "rulepacks/telco-demo"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        subprocess.run([*ORDO, "user", "add", "bench", "--role", "integration", "--password-stdin"], env=env,
                       cwd=ROOT, check=True, capture_output=True, input="bench-password-not-secret\n", text=True)
        token = subprocess.run([*ORDO, "user", "token", "bench"], env=env, cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip()
        port = free_port()
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
        server = subprocess.Popen([*ORDO, "serve", "--port", str(port)], **quiet)
        pool = [subprocess.Popen([*ORDO, "worker", "--poll-interval", "0.05"], **quiet) for _ in range(workers)]
        base = f"http://127.0.0.1:{port}"
        engine = create_engine(normalise_url(url))
        try:
            wait_until_up(f"{base}/api/v1/health")
            started = time.perf_counter()
            with ThreadPoolExecutor(clients) as executor:
                list(executor.map(lambda _: post(f"{base}/tmf-api/productOrderingManagement/v4/productOrder",
                                                 order, token), range(orders)))
            posted = time.perf_counter() - started
            ended = 0
            while ended < orders:
                time.sleep(0.05)
                with engine.connect() as connection:
                    ended = connection.execute(text(
                        "SELECT count(*) FROM customer_orders WHERE state IN ('completed', 'rejected', 'failed')")
                    ).scalar()
            with engine.connect() as connection:
                completed = connection.execute(
                    text("SELECT count(*) FROM customer_orders WHERE state = 'completed'")).scalar()
            if completed != orders:
                raise SystemExit(f"only {completed} of {orders} orders completed")
            elapsed = time.perf_counter() - started
            with engine.connect() as connection:
                transitions = connection.execute(text("SELECT count(*) FROM tasks WHERE state = 'completed'")).scalar()
        finally:
            for process in [server, *pool]:
                process.terminate()
            for process in [server, *pool]:
                process.wait(timeout=60)
            engine.dispose()
    return {"backend": backend, "workers": workers, "orders": orders, "clients": clients,
            "post_seconds": round(posted, 2), "seconds": round(elapsed, 2),
            "orders_per_second": round(orders / elapsed, 1), "tasks": transitions,
            "ms_per_task": round(elapsed * 1000 / max(transitions, 1), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"])
    parser.add_argument("--workers", type=int)
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--example", default="fibre-router-static-ip",
                        help="order file in rulepacks/telco-demo/examples (without .json); must complete unattended")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER,
                        help=f"a URL on the PostgreSQL server where the scratch database is made (default {DEFAULT_SERVER})")
    args = parser.parse_args()
    configurations = [(args.backend, args.workers or 1)] if args.backend else [("sqlite", 1), ("postgresql", 2)]
    print(f"order: {args.example}")
    print(f"{'backend':<11} {'workers':>7} {'orders':>6} {'POST s':>7} {'total s':>8} {'orders/s':>9} "
          f"{'tasks':>6} {'ms/task':>8}")
    for backend, workers in configurations:
        result = run(backend, workers, args.orders, args.clients, args.example, args.pg_server)
        print(f"{backend:<11} {workers:>7} {result['orders']:>6} {result['post_seconds']:>7} "
              f"{result['seconds']:>8} {result['orders_per_second']:>9} {result['tasks']:>6} {result['ms_per_task']:>8}")


if __name__ == "__main__":
    main()
