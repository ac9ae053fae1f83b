"""Large-order isolation: how much one large order slows 200 normal orders flowing beside it.

Issue 15's load check. Three runs, each on its own scratch database (SQLite in a temporary folder, or
``ordo_bench_<random>`` on the PostgreSQL server given by ``--pg-server``; dropped at the end) with
``ordo serve`` and N ``ordo worker`` processes (a throwaway secret key, no inherited ``ORDO_*`` setting):

- ``alone``: the normal orders only;
- ``whole``: one large order posted first, advanced in one job (``ORDO_ORDER_YIELD_ITEMS=0``: main before
  issue 15);
- ``staged``: the same, advanced one stage per job (the default: orders above 500 items yield).

The large order has ``--large-items`` items (default 10,000, the ``MAX_ORDER_ITEMS`` limit: fibre + static
IP pairs of the demo pack); it runs capture, enrichment and pricing and then waits for approval. The normal
orders (``fibre-router-static-ip``, all-auto) are posted by client threads while it is posted and worked.
Printed per run: the normal orders' total time (first POST to last completion), the p50 and p99 of each
one's capture-to-completion time (database timestamps), the ratio of the total to ``alone``, when the large order's POST
answered, when it was done with its jobs (waiting for approval; from the first POST) and where it was when the last
normal order ended. Needs no environment
variables.

    .venv/bin/python bench/large_order_isolation.py                               # PostgreSQL, 2 workers
    .venv/bin/python bench/large_order_isolation.py --backend sqlite --workers 1
    .venv/bin/python bench/large_order_isolation.py --orders 20 --large-items 1000  # a quick check
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from orders_e2e import EXAMPLES, ORDO, ROOT, free_port, post, wait_until_up
from scratch import DEFAULT_SERVER, scratch_database, server_environment
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.states import JOB_STAGES  # noqa: E402
from engine.store.db import normalise_url  # noqa: E402

TMF = "/tmf-api/productOrderingManagement/v4/productOrder"
MODES = {"alone": None, "whole": "0", "staged": None}
ENDED = "('completed', 'rejected', 'failed')"


def example(name: str) -> dict:
    return {k: v for k, v in json.loads((EXAMPLES / f"{name}.json").read_text()).items() if k != "externalId"}


def large_order(items: int) -> dict:
    """``items`` items: pairs of Fibre 500M and a static IP relying on it."""
    base = example("fibre-router-static-ip")
    fibre, static_ip = base["productOrderItem"]
    lines = []
    for pair in range(items // 2):
        first, second = copy.deepcopy(fibre), copy.deepcopy(static_ip)
        first["id"], second["id"] = str(2 * pair + 1), str(2 * pair + 2)
        second["productOrderItemRelationship"][0]["id"] = first["id"]
        lines += [first, second]
    return {**base, "productOrderItem": lines}


def prepare(env: dict) -> str:
    """Migrate and seed the scratch database, add the bench user; its API token."""
    for command in (["db", "upgrade"], ["pack", "seed", "rulepacks/telco-demo"]):
        subprocess.run([*ORDO, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*ORDO, "user", "add", "bench", "--role", "integration", "--password-stdin"], env=env, cwd=ROOT,
                   check=True, capture_output=True, input="bench-password-not-secret\n", text=True)
    return subprocess.run([*ORDO, "user", "token", "bench"], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def run(mode: str, args) -> dict:
    """One run: the normal orders' completion times, with or without the large order beside them."""
    normal, big = example(args.example), large_order(args.large_items) if mode != "alone" else None
    with scratch_database(args.backend, args.pg_server) as url:
        env = server_environment(url)
        token = prepare(env)
        if MODES[mode] is not None:
            env["ORDO_ORDER_YIELD_ITEMS"] = MODES[mode]
        port = free_port()
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
        server = subprocess.Popen([*ORDO, "serve", "--port", str(port)], **quiet)
        pool = [subprocess.Popen([*ORDO, "worker", "--poll-interval", "0.05"], **quiet) for _ in range(args.workers)]
        base = f"http://127.0.0.1:{port}"
        engine = create_engine(normalise_url(url))
        try:
            wait_until_up(f"{base}/api/v1/health")
            return measure(engine, base + TMF, token, normal, big, args)
        finally:
            for process in [server, *pool]:
                process.terminate()
            for process in [server, *pool]:
                process.wait(timeout=120)
            engine.dispose()


def measure(engine, url: str, token: str, normal: dict, big: dict | None, args) -> dict:
    large_ids: list[str] = []
    started = time.perf_counter()

    def post_big() -> None:
        large_ids.append(post_large(url, big, token))
        large_ids.append(f"{time.perf_counter() - started:.1f}")

    poster = threading.Thread(target=post_big) if big else None
    if poster:
        poster.start()
        time.sleep(args.head_start)
    with ThreadPoolExecutor(args.clients) as executor:
        ids = list(executor.map(lambda _: post(url, normal, token), range(args.orders)))
    ended = wait_for_normal(engine, ids)
    total = time.perf_counter() - started
    state_then = "-"
    if poster:
        poster.join()
        state_then = large_state(engine, large_ids[0])
        wait_for_large(engine, large_ids[0], args.large_wait)
    latencies = normal_latencies(engine, ids)
    return {"seconds": round(total, 1), "p50": round(statistics.median(latencies), 2),
            "p99": round(percentile(latencies, 0.99), 2), "ended": ended, "large_then": state_then,
            "large_seconds": large_seconds(engine, large_ids, started, args.large_wait),
            "large_post": large_ids[1] if poster else "-"}


def post_large(url: str, order: dict, token: str) -> str:
    """POST the large order, waiting as long as its capture takes (minutes on a loaded machine)."""
    request = urllib.request.Request(url, data=json.dumps(order).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=900) as response:
        return json.loads(response.read())["id"]


def wait_for_normal(engine, ids: list[str]) -> int:
    id_list = ", ".join(f"'{order_id}'" for order_id in ids)
    while True:
        with engine.connect() as connection:
            ended = connection.execute(text(
                f"SELECT count(*) FROM customer_orders WHERE id IN ({id_list}) AND state IN {ENDED}")).scalar()
        if ended == len(ids):
            return ended
        time.sleep(0.1)


def normal_latencies(engine, ids: list[str]) -> list[float]:
    id_list = ", ".join(f"'{order_id}'" for order_id in ids)
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT order_date, completion_date FROM customer_orders "
                                       f"WHERE id IN ({id_list}) ORDER BY order_date")).all()
    return [(moment(done) - moment(captured)).total_seconds() for captured, done in rows]


def moment(value) -> datetime:
    """A timestamp as the driver returns it (SQLite: ISO text)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def large_state(engine, order_id: str) -> str:
    with engine.connect() as connection:
        row = connection.execute(text("SELECT state, stage FROM customer_orders WHERE id = :id"),
                                 {"id": order_id}).one()
    return f"{row.state}/{row.stage}"


def wait_for_large(engine, order_id: str, timeout: float) -> None:
    """Until the large order has left the stages its ``order.advance`` jobs run (it waits for approval)."""
    deadline = time.monotonic() + timeout
    while large_state(engine, order_id).split("/")[1] in JOB_STAGES and time.monotonic() < deadline:
        time.sleep(0.5)


def large_seconds(engine, ids: list[str], started: float, waited: float) -> str | None:
    """Seconds from the first POST until the large order left its job stages (``>`` the wait when it had not)."""
    if not ids:
        return None
    done = large_state(engine, ids[0]).split("/")[1] not in JOB_STAGES
    return f"{time.perf_counter() - started:.1f}" if done else f">{waited:.0f} wait"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--large-items", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--head-start", type=float, default=0.5,
                        help="seconds between posting the large order and the first normal one")
    parser.add_argument("--large-wait", type=float, default=300,
                        help="seconds to wait, after the normal orders, for the large order to leave its job stages")
    parser.add_argument("--modes", default=",".join(MODES), help=f"runs, comma-separated (of {', '.join(MODES)})")
    parser.add_argument("--example", default="fibre-router-static-ip")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER,
                        help=f"a URL on the PostgreSQL server where the scratch database is made (default {DEFAULT_SERVER})")
    args = parser.parse_args()
    print(f"{args.backend}, {args.workers} worker(s), {args.orders} normal orders ({args.example}), "
          f"large order {args.large_items} items")
    print(f"{'run':<7} {'total s':>8} {'p50 s':>7} {'p99 s':>7} {'x alone':>8}  {'large POST s':>12}  {'large s':>8}  "
          "large order then")
    alone = None
    for mode in args.modes.split(","):
        result = run(mode, args)
        alone = result["seconds"] if mode == "alone" else alone
        ratio = f"{result['seconds'] / alone:.2f}" if alone else "-"
        print(f"{mode:<7} {result['seconds']:>8} {result['p50']:>7} {result['p99']:>7} {ratio:>8}  "
              f"{result['large_post']:>12}  {result['large_seconds'] or '-':>8}  {result['large_then']}", flush=True)


if __name__ == "__main__":
    main()
