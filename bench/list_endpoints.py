"""Order lists through the HTTP API: requests/s, p50/p99 latency and response size, with one 100,000-item order.

Builds a scratch store (SQLite in a temporary folder, or ``ordo_bench_<random>`` created on the PostgreSQL
server of ``--pg-server``; dropped at the end, nothing else is touched) written directly, as capture stores
orders: N realistic orders (default 2,000, spread over 30 days, the demo pack's example orders with their
items, pricing and first revision) plus ONE order of 100,000 items, the newest, so it heads the default list.
Then runs ``ordo serve`` (waitress, a live server with a throwaway secret key and no inherited ``ORDO_*``
settings) and times one client calling each list sequentially for ``--seconds`` (at least ``--min-requests``
calls each). "rss" is the server's peak resident memory so far (it only grows: lists are timed cheapest first).

The native ``GET /api/v1/orders`` list is timed when this checkout has it (skipped with a message otherwise).
Needs no environment variables.

    .venv/bin/python bench/list_endpoints.py                      # SQLite, then PostgreSQL
    .venv/bin/python bench/list_endpoints.py --backend postgresql [--pg-server URL]
    .venv/bin/python bench/list_endpoints.py --backend sqlite --orders 50 --big-items 2000 --seconds 1   # quick check
    .venv/bin/python bench/list_endpoints.py --skip 'big order on the page'   # without the 45 MB page (~100 s a call)
"""
from __future__ import annotations

import argparse
import copy
import json
import platform
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from orders_e2e import ORDO, free_port, wait_until_up
from scratch import DEFAULT_SERVER, scratch_database, server_environment
from sqlalchemy import create_engine, insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.store.db import normalise_url  # noqa: E402
from engine.store.models import CustomerOrder, OrderItem, OrderRevision  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "rulepacks" / "telco-demo" / "examples"
TMF = "/tmf-api/productOrderingManagement/v4/productOrder"
NATIVE = "/api/v1/orders"
STATES = ("completed", "completed", "completed", "inProgress", "acknowledged", "cancelled", "failed", "held")
# (label, path): timed in this order, cheapest first
LISTS = (
    ("TMF ?limit=1&fields=id", f"{TMF}?limit=1&fields=id"),
    ("TMF ?limit=50&fields=id", f"{TMF}?limit=50&fields=id"),
    ("TMF ?limit=50&offset=1 (without the big order)", f"{TMF}?limit=50&offset=1"),
    ("TMF ?limit=50 (the big order on the page)", f"{TMF}?limit=50"),
    ("native ?limit=50", f"{NATIVE}?limit=50"),
)


def examples() -> list[dict]:
    bodies = [json.loads(path.read_text()) for path in sorted(EXAMPLES.glob("*.json"))]
    return [body for body in bodies if body.get("productOrderItem")]


def priced(items: list[dict]) -> dict:
    """A pricing document shaped like the pipeline's: order total, per-item prices and price lines."""
    def price(amount: str) -> dict:
        return {"priceType": "recurring", "recurringChargePeriod": "month",
                "price": {"dutyFreeAmount": {"unit": "EUR", "value": amount},
                          "taxIncludedAmount": {"unit": "EUR", "value": amount}}}
    return {"currency": "EUR", "orderTotalPrice": [price(f"{19.90 * len(items):.2f}")],
            "items": {str(item["id"]): {"itemPrice": [price("19.90")], "itemTotalPrice": [price("19.90")]}
                      for item in items},
            "lines": [{"itemId": str(item["id"]), "offering": (item.get("productOffering") or {}).get("id"),
                       "priceType": "recurring", "recurringChargePeriod": "month", "unitAmount": "19.90",
                       "quantity": item.get("quantity", 1), "amount": "19.90", "currency": "EUR",
                       "provenance": {"artifact": "price-list", "version": 1}} for item in items],
            "adjustments": []}


def order_rows(payload: dict, placed: datetime, state: str) -> tuple[dict, list[dict], dict]:
    order_id = str(uuid.uuid4())
    items = payload["productOrderItem"]
    order = {"id": order_id, "external_id": payload.get("externalId"), "party_id": None, "state": state,
             "stage": "done" if state == "completed" else "fulfilling", "revision": 1, "payload": payload,
             "notes": [], "pricing": priced(items), "order_date": placed, "updated_at": placed,
             "completion_date": placed + timedelta(days=2) if state == "completed" else None, "lock_version": 1}
    rows = [{"order_id": order_id, "item_id": str(item["id"]), "position": position,
             "action": item.get("action", "add"), "offering_id": (item.get("productOffering") or {}).get("id"),
             "quantity": item.get("quantity", 1), "state": state, "payload": item}
            for position, item in enumerate(items)]
    revision = {"order_id": order_id, "revision": 1, "payload": payload, "diff": None, "actor": "bench",
                "created_at": placed}
    return order, rows, revision


def build_store(url: str, orders: int, big_items: int) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    bodies = examples()
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        for start in range(0, orders, 500):
            batch = []
            for n in range(start, min(start + 500, orders)):
                payload = {**copy.deepcopy(bodies[n % len(bodies)]), "externalId": f"bench-{n}"}
                batch.append(order_rows(payload, now - timedelta(days=30) * (n + 1) / orders, STATES[n % len(STATES)]))
            _insert(connection, batch)
        template = bodies[0]["productOrderItem"][0]
        big = {**copy.deepcopy(bodies[0]), "externalId": "bench-big",
               "productOrderItem": [{**copy.deepcopy(template), "id": str(n)} for n in range(1, big_items + 1)]}
        _insert(connection, [order_rows(big, now, "inProgress")])
    engine.dispose()


def _insert(connection, batch: list[tuple[dict, list[dict], dict]]) -> None:
    connection.execute(insert(CustomerOrder), [order for order, _, _ in batch])
    items = [row for _, rows, _ in batch for row in rows]
    for start in range(0, len(items), 5000):
        connection.execute(insert(OrderItem), items[start:start + 5000])
    connection.execute(insert(OrderRevision), [revision for _, _, revision in batch])


def call(url: str, token: str) -> tuple[float, int, int]:
    """(seconds, status, response bytes) of one GET."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            size, status = len(response.read()), response.status
    except urllib.error.HTTPError as error:
        size, status = len(error.read()), error.code
    return time.perf_counter() - started, status, size


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(base: str, token: str, path: str, seconds: float, min_requests: int) -> dict | str:
    elapsed, status, size = call(base + path, token)  # the first call answers whether the list exists
    if status in (404, 405):
        return f"skipped: {path.split('?')[0]} answers {status} in this checkout"
    if status != 200:
        raise SystemExit(f"GET {path}: {status}")
    times, started = [elapsed], time.perf_counter()
    while len(times) < min_requests or time.perf_counter() - started < seconds:
        times.append(call(base + path, token)[0])
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return {"n": len(times), "rps": len(times) / sum(times), "p50": statistics.median(times) * 1000,
            "p99": p99 * 1000, "bytes": size}


def run(backend: str, pg_server: str, orders: int, big_items: int, seconds: float, min_requests: int,
        skip: tuple[str, ...] = ()) -> None:
    with scratch_database(backend, pg_server) as url:
        env = server_environment(url)
        quiet = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
        subprocess.run([*ORDO, "db", "upgrade"], **quiet)
        started = time.perf_counter()
        build_store(url, orders, big_items)
        print(f"\n{backend}: {orders} orders + one of {big_items} items written in {time.perf_counter() - started:.0f} s")
        subprocess.run([*ORDO, "user", "add", "bench", "--role", "orderManager", "--password-stdin"],
                       input="bench-password-not-secret\n", **quiet)
        token = subprocess.run([*ORDO, "user", "token", "bench"], **quiet).stdout.strip()
        port = free_port()
        server = subprocess.Popen([*ORDO, "serve", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/api/v1/health")
            print(f"{'list':<48} {'n':>4} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'bytes':>11} {'rss MB':>7}")
            for label, path in LISTS:
                if any(word in label for word in skip):
                    print(f"{label:<48} skipped (--skip)")
                    continue
                result = measure(base, token, path, seconds, min_requests)
                if isinstance(result, str):
                    print(f"{label:<48} {result}")
                    continue
                print(f"{label:<48} {result['n']:>4} {result['rps']:>8.1f} {result['p50']:>9.1f} "
                      f"{result['p99']:>9.1f} {result['bytes']:>11,} {peak_rss_mb(server.pid):>7.0f}")
        finally:
            server.terminate()
            server.wait(timeout=60)


def cpu() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
              if line.startswith("model name")] if cpuinfo.exists() else []
    return f"{len(models) or '?'} x {models[0] if models else platform.machine()},"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help="default: SQLite, then PostgreSQL")
    parser.add_argument("--orders", type=int, default=2000, help="realistic orders besides the big one")
    parser.add_argument("--big-items", type=int, default=100_000, help="items of the one big order")
    parser.add_argument("--seconds", type=float, default=10, help="time each list at least this long")
    parser.add_argument("--min-requests", type=int, default=3, help="and at least this many calls")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER,
                        help=f"a URL on the PostgreSQL server where the scratch database is made (default {DEFAULT_SERVER})")
    parser.add_argument("--skip", action="append", default=[],
                        help="skip the lists whose label holds this text, e.g. --skip 'big order' (repeatable)")
    args = parser.parse_args()
    print(f"{platform.node()} {cpu()} Python {platform.python_version()}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; one client, sequential calls on a live `ordo serve` (waitress)")
    for backend in [args.backend] if args.backend else ["sqlite", "postgresql"]:
        run(backend, args.pg_server, args.orders, args.big_items, args.seconds, args.min_requests,
            tuple(args.skip))


if __name__ == "__main__":
    main()
