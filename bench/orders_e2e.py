"""End-to-end orders per second: POST productOrder through the HTTP API until every order is completed.

The order is one of the demo pack's examples that complete unattended (default: fibre + router +
static IP, all-auto plans).

Creates its own scratch database (SQLite in a temporary folder, or ``ordo_bench_<random>`` on the
PostgreSQL server given by ``--pg-server``, dropped at the end; nothing else is touched), runs
``ordo serve`` and N ``ordo worker`` processes with a throwaway secret key and no inherited ``ORDO_*``
settings, posts orders from client threads, and reports throughput from the first POST to the last
completion. Needs no environment variables.

Beside orders/s each run prints the database's own commit ceiling measured in the same run on the same
scratch database (small single-row transactions per second, one connection and two), the ratio of the two,
CPU milliseconds per order of the API server, the workers and (PostgreSQL) the database server (from the
first POST to the last completion), client SQL statements per order (API and workers; counted over the
processes' whole life, so start-up adds a few dozen statements to a run), and p50/p99 latency from an order's POST to its completion (seen by
polling every 20 ms). ``--rate`` paces the POSTs (orders/s) so latency is measured under a steady load
rather than behind a burst; ``--profile DIR`` writes a cProfile file per process (``serve.prof``,
``worker-1.prof`` …) for ``python -m pstats``; ``--code DIR`` runs another checkout's code (a before/after
comparison with the same bench).

    .venv/bin/python bench/orders_e2e.py                      # SQLite, then PostgreSQL, each with 1, 2 and 4 workers
    .venv/bin/python bench/orders_e2e.py --backend postgresql --workers 2 --orders 500
    .venv/bin/python bench/orders_e2e.py --backend postgresql --workers 2 --rate 50   # latency under 50 orders/s
    .venv/bin/python bench/orders_e2e.py --backend postgresql --workers 1 --profile /tmp/prof
    .venv/bin/python bench/orders_e2e.py --backend sqlite --orders 20          # a quick check that it runs
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from otlp_sink import OtlpSink
from scratch import DEFAULT_SERVER, scratch_database, server_environment
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.store.db import make_engine, normalise_url  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ORDO = [sys.executable, "-m", "api.cli"]
INSTRUMENTED = str(Path(__file__).resolve().parent / "instrumented.py")
EXAMPLES = ROOT / "rulepacks" / "telco-demo" / "examples"
ENDED = ("completed", "rejected", "failed")


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


def commit_ceiling(url: str, connections: int, seconds: float = 2.0) -> float:
    """Single-row INSERT transactions per second the database commits, over ``connections`` in parallel,
    through Ordo's own engine settings (SQLite WAL and BEGIN IMMEDIATE; PostgreSQL as the workers connect); the
    table stays in the scratch database, which goes with it."""
    engine = make_engine(url, replayable=True)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS bench_ceiling (n INTEGER, note VARCHAR(40))"))
    counts = [0] * connections
    stop = time.perf_counter() + seconds

    def loop(slot: int) -> None:
        with engine.connect() as connection:
            while time.perf_counter() < stop:
                with connection.begin():
                    connection.execute(text("INSERT INTO bench_ceiling (n, note) VALUES (:n, 'x')"), {"n": slot})
                counts[slot] += 1

    threads = [threading.Thread(target=loop, args=(slot,)) for slot in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    return sum(counts) / seconds


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far."""
    values = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(values[11]) + int(values[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """User + system CPU of every ``postgres`` process on this machine (the bench's database runs here)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
            if not fields[0].split("(", 1)[1].startswith("postgres"):
                continue
            values = fields[1].split()
            total += int(values[11]) + int(values[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / tick


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run(backend: str, workers: int, orders: int, clients: int, example: str, pg_server: str,
        rate: float | None = None, profile: Path | None = None, code: Path = ROOT, traces: bool = False) -> dict:
    order = {k: v for k, v in json.loads((EXAMPLES / f"{example}.json").read_text()).items() if k != "externalId"}
    with scratch_database(backend, pg_server) as url, tempfile.TemporaryDirectory(prefix="ordo-e2e-") as scratch:
        env = {**server_environment(url), "PYTHONPATH": str(code)}
        sink = OtlpSink() if traces else None
        setup = {"env": env, "cwd": code, "check": True, "capture_output": True}
        subprocess.run([*ORDO, "db", "upgrade"], **setup)
        subprocess.run([*ORDO, "pack", "seed", "rulepacks/telco-demo"], **setup)
        subprocess.run([*ORDO, "user", "add", "bench", "--role", "integration", "--password-stdin"],
                       **setup, input=b"bench-password-not-secret\n")
        token = subprocess.run([*ORDO, "user", "token", "bench"], **setup).stdout.decode().strip()
        ceiling = {n: commit_ceiling(url, n) for n in (1, 2)}
        port = free_port()
        traced = {"ORDO_OTLP_ENDPOINT": sink.endpoint} if sink else {}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": {**env, **traced}, "cwd": code}

        def instrumented(name: str, *command: str) -> subprocess.Popen:
            profiling = ["--profile", str(profile / f"{name}.prof")] if profile else []
            return subprocess.Popen([sys.executable, INSTRUMENTED, f"{scratch}/{name}.json", *profiling, "--",
                                     *command], **quiet)

        server = instrumented("serve", "serve", "--port", str(port))
        pool = [instrumented(f"worker-{n + 1}", "worker", "--poll-interval", "0.05") for n in range(workers)]
        base = f"http://127.0.0.1:{port}"
        engine = create_engine(normalise_url(url))
        posted_at: dict[str, float] = {}
        ended_at: dict[str, float] = {}
        try:
            wait_until_up(f"{base}/api/v1/health")
            time.sleep(2)  # the workers import and schedule their periodic scans
            cpu_before = {process.pid: cpu_seconds(process.pid) for process in [server, *pool]}
            cpu_db_before = postgres_cpu_seconds()
            started = time.perf_counter()

            def post_one(n: int) -> None:
                if rate:
                    time.sleep(max(0.0, started + n / rate - time.perf_counter()))
                at = time.perf_counter()
                posted_at[post(f"{base}/tmf-api/productOrderingManagement/v4/productOrder", order, token)] = at

            with ThreadPoolExecutor(clients if not rate else max(clients, 16)) as executor:
                poller = threading.Thread(target=watch_ended, args=(engine, orders, ended_at))
                poller.start()
                list(executor.map(post_one, range(orders)))
            posted = time.perf_counter() - started
            poller.join()
            elapsed = max(ended_at.values()) - started
            cpu_db = postgres_cpu_seconds() - cpu_db_before if backend == "postgresql" else None
            cpu = {process.pid: cpu_seconds(process.pid) - cpu_before[process.pid] for process in [server, *pool]}
            with engine.connect() as connection:
                completed = connection.execute(
                    text("SELECT count(*) FROM customer_orders WHERE state = 'completed'")).scalar()
                transitions = connection.execute(text("SELECT count(*) FROM tasks WHERE state = 'completed'")).scalar()
            if completed != orders:
                raise SystemExit(f"only {completed} of {orders} orders completed")
        finally:
            for process in [server, *pool]:
                process.terminate()
            for process in [server, *pool]:
                process.wait(timeout=60)
            engine.dispose()
            if sink:
                sink.close()
        figures = {name: json.loads((Path(scratch) / f"{name}.json").read_text())
                   for name in ["serve", *[f"worker-{n + 1}" for n in range(workers)]]}
    latencies = [ended_at[order_id] - at for order_id, at in posted_at.items()]
    worker_figures = [value for name, value in figures.items() if name.startswith("worker")]
    per_second = orders / elapsed
    return {"backend": backend, "workers": workers, "orders": orders, "clients": clients, "rate": rate,
            "otlp_kb": round(sink.bytes / 1024) if sink else None,
            "post_seconds": round(posted, 2), "seconds": round(elapsed, 2),
            "orders_per_second": round(per_second, 1), "tasks": transitions,
            "ceiling_1": round(ceiling[1]), "ceiling_2": round(ceiling[2]),
            "ratio": round(per_second / ceiling[min(workers, 2)], 3),
            "cpu_ms_api": round(cpu[server.pid] * 1000 / orders, 1),
            "cpu_ms_workers": round(sum(cpu[process.pid] for process in pool) * 1000 / orders, 1),
            "cpu_ms_db": round(cpu_db * 1000 / orders, 1) if cpu_db is not None else None,
            "statements_api": round(figures["serve"]["statements"] / orders, 1),
            "statements_workers": round(sum(f["statements"] for f in worker_figures) / orders, 1),
            "p50_ms": round(percentile(latencies, 0.5) * 1000), "p99_ms": round(percentile(latencies, 0.99) * 1000)}


def watch_ended(engine, orders: int, ended_at: dict[str, float]) -> None:
    """Note when each order is first seen ended, until all ``orders`` have."""
    while len(ended_at) < orders:
        time.sleep(0.02)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id FROM customer_orders WHERE state IN ('completed', "
                                           "'rejected', 'failed')")).scalars().all()
        now = time.perf_counter()
        for order_id in rows:
            ended_at.setdefault(order_id, now)


COLUMNS = [("backend", 10), ("workers", 7), ("orders", 6), ("rate", 5), ("post_seconds", 7), ("seconds", 7),
           ("orders_per_second", 8), ("ceiling_1", 8), ("ceiling_2", 8), ("ratio", 6), ("cpu_ms_api", 7),
           ("cpu_ms_workers", 7), ("cpu_ms_db", 7), ("statements_api", 7), ("statements_workers", 7),
           ("p50_ms", 6), ("p99_ms", 6), ("otlp_kb", 7)]
HEADINGS = {"otlp_kb": "OTLP kB", "post_seconds": "POST s", "seconds": "total s", "orders_per_second": "ord/s", "ceiling_1": "commit/s",
            "ceiling_2": "2conn/s", "cpu_ms_api": "cpu api", "cpu_ms_workers": "cpu wrk", "cpu_ms_db": "cpu db",
            "statements_api": "sql api", "statements_workers": "sql wrk", "p50_ms": "p50 ms", "p99_ms": "p99 ms"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"])
    parser.add_argument("--workers", type=int)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rate", type=float, help="post this many orders a second (default: as fast as the clients can)")
    parser.add_argument("--example", default="fibre-router-static-ip",
                        help="order file in rulepacks/telco-demo/examples (without .json); must complete unattended")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER,
                        help=f"a URL on the PostgreSQL server where the scratch database is made (default {DEFAULT_SERVER})")
    parser.add_argument("--profile", type=Path, help="write a cProfile file per process into this folder")
    parser.add_argument("--code", type=Path, default=ROOT, help="run the ordo code of this checkout (default: this one)")
    parser.add_argument("--json", action="store_true", help="print each result as a JSON line")
    parser.add_argument("--traces", action="store_true",
                        help="export OpenTelemetry traces (ORDO_OTLP_ENDPOINT) to a stand-in collector")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    backends = [args.backend] if args.backend else ["sqlite", "postgresql"]
    configurations = [(backend, workers) for backend in backends
                      for workers in ([args.workers] if args.workers else [1, 2, 4])]
    print(f"order: {args.example}; code: {args.code.resolve()}")
    if not args.json:
        print(" ".join(f"{HEADINGS.get(key, key):>{width}}" for key, width in COLUMNS))
    for backend, workers in configurations:
        result = run(backend, workers, args.orders, args.clients, args.example, args.pg_server, args.rate,
                     args.profile, args.code.resolve(), args.traces)
        print(json.dumps(result) if args.json else
              " ".join(f"{str(result[key] if result[key] is not None else '-'):>{width}}" for key, width in COLUMNS),
              flush=True)


if __name__ == "__main__":
    main()
