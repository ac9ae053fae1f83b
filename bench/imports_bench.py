"""Bulk imports: rows per second validated (dry run), orders per second created, and memory from 10,000 to
1,000,000 rows.

Creates its own scratch database (SQLite in a temporary folder, or ``ordo_bench_<random>`` on the PostgreSQL
server given by ``--pg-server``, dropped at the end), imports the demo pack, publishes the Acme mapping
(rulepacks/telco-demo/imports) and writes a partner CSV of N one-line orders, 3 % of them with an unknown
product code. It then runs the import's chunks in this process as the ``import.run`` jobs of a worker would:
first a dry run (every check, nothing created), then the import (orders captured, each queued for
fulfilment; fulfilment itself is not part of the figure, so the import's throttle, which waits while other
work queues up, is lifted). The orders are spread over 500 customers, as a partner's file is.

Memory: the file is read and mapped into orders (no database) in a child process per size, and its peak RSS
is printed: the reader and the mapping stream, so it must not grow with the file.

    .venv/bin/python bench/imports_bench.py                            # SQLite, 10,000 orders; memory 10k / 1M rows
    .venv/bin/python bench/imports_bench.py --backend postgresql
    .venv/bin/python bench/imports_bench.py --orders 500 --memory-rows 10000   # a quick check that it runs
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import DEFAULT_SERVER, scratch_database
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.clock import SystemClock  # noqa: E402
from engine.imports.readers import csv_text, read  # noqa: E402
from engine.imports.units import units  # noqa: E402
from engine.kinds import compile_document  # noqa: E402
from engine.runtime.imports import service  # noqa: E402
from engine.runtime.imports.files import staged_copy  # noqa: E402
from engine.runtime.jobs.worker import Worker  # noqa: E402
from engine.runtime.service import Runtime  # noqa: E402
from engine.store.db import normalise_url  # noqa: E402
from engine.store.migrate import upgrade  # noqa: E402
from engine.store.models import OrderImport, Party  # noqa: E402
from studio.artifacts import create_draft, publish  # noqa: E402
from studio.packs import activate, import_pack, read_pack_folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "rulepacks" / "telco-demo" / "imports" / "import.acme-fibre.json"
HEADER = ["order_ref", "customer", "product", "qty", "building", "street", "postcode", "city", "note"]
PRODUCTS = ("FIBRE100", "FIBRE500", "FIBRE1G")
CUSTOMERS = 500


def write_partner_file(path: Path, orders: int, bad_share: float = 0.03) -> int:
    """N one-line orders, every 1/bad_share-th with an unknown product code; how many are bad."""
    every = round(1 / bad_share) if bad_share else 0
    bad = 0
    with path.open("w") as out:
        out.write(csv_text([HEADER]))
        for start in range(0, orders, 10_000):
            rows = []
            for n in range(start, min(start + 10_000, orders)):
                broken = every and n % every == every - 1
                bad += bool(broken)
                rows.append([f"B-{n:07d}", f"cust-bench-{n % CUSTOMERS}", "FIBER9" if broken else PRODUCTS[n % 3], "1",
                             "flat", f"Street {n}", "10115", "Berlin", ""])
            out.write(csv_text(rows))
    return bad


def ready_database(url: str) -> Runtime:
    engine = create_engine(normalise_url(url))
    upgrade(engine)
    engine.dispose()
    runtime = Runtime.connect(url, SystemClock())
    with runtime.unit_of_work(actor="bench") as uow:
        activate(uow, import_pack(uow, read_pack_folder(ROOT / "rulepacks" / "telco-demo")))
    document = json.loads(MAPPING.read_text())
    with runtime.unit_of_work(actor="bench") as uow:
        publish(uow, document["key"], create_draft(uow, document).version)
        uow.session.add_all([Party(id=f"cust-bench-{n}", name=f"Bench customer {n}", created_at=uow.now)
                             for n in range(CUSTOMERS)])
    return runtime


def run_import(runtime: Runtime, path: Path, folder: Path, dry_run: bool) -> tuple[OrderImport, float]:
    service.BACKLOG_LIMIT = 1 << 62  # no worker fulfils the orders here: the import must not wait for them
    staged = staged_copy(path, folder)
    started = time.perf_counter()
    with runtime.unit_of_work(actor="bench") as uow:
        import_id = service.start_import(uow, staged, mapping_key="import.acme-fibre", dry_run=dry_run).id
    Worker(runtime.session_factory, runtime.clock, worker_id="bench", kinds=[service.RUN]).run_until_idle()
    elapsed = time.perf_counter() - started
    with runtime.reading() as session:
        record = session.get(OrderImport, import_id)
        session.expunge(record)
    return record, elapsed


def bench_database(backend: str, server: str, orders: int) -> None:
    with scratch_database(backend, server) as url, tempfile.TemporaryDirectory() as folder:
        runtime = ready_database(url)
        path = Path(folder) / "partner.csv"
        bad = write_partner_file(path, orders)
        print(f"{platform.node()} {platform.machine()} Python {platform.python_version()} "
              f"{runtime.engine.dialect.name}: {orders:,} orders, {bad:,} bad ({path.stat().st_size:,} bytes)")
        for dry_run in (True, False):
            record, elapsed = run_import(runtime, path, Path(folder) / "staged", dry_run)
            what = "dry run (validated)" if dry_run else "import (created)  "
            done = record.orders_read - record.orders_rejected if dry_run else record.orders_created
            print(f"  {what}  {elapsed:7.1f} s  {record.rows_read / elapsed:7.0f} rows/s  "
                  f"{done / elapsed:7.0f} orders/s  rejected {record.orders_rejected:,} "
                  f"({'exact' if record.orders_rejected == bad else 'MISMATCH'})")
        runtime.engine.dispose()


def memory_child(rows: int) -> None:
    """(child process) read and map a file of ``rows`` one-line orders; print rows and peak RSS in MiB."""
    mapping = compile_document(json.loads(MAPPING.read_text()), version=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partner.csv"
        write_partner_file(path, rows)
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started, count = time.perf_counter(), 0
        for _unit, _after in units(read(path, "csv", delimiter=mapping.delimiter, encoding=mapping.encoding), mapping):
            count += 1
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": count, "peakMiB": peak / 1024, "baselineMiB": baseline / 1024,
                      "rowsPerSecond": count / elapsed}))


def bench_memory(sizes: list[int]) -> None:
    print("read + map (no database), one child process per size:")
    for rows in sizes:
        done = subprocess.run([sys.executable, __file__, "--memory-child", str(rows)], capture_output=True, text=True,
                              check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  {figures['rows']:>9,} rows  peak RSS {figures['peakMiB']:6.1f} MiB (after writing the file: "
              f"{figures['baselineMiB']:6.1f})  {figures['rowsPerSecond']:8.0f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pg-server", default=DEFAULT_SERVER)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--memory-rows", type=int, nargs="*", default=[10_000, 1_000_000])
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return
    bench_database(args.backend, args.pg_server, args.orders)
    if args.memory_rows:
        bench_memory(args.memory_rows)


if __name__ == "__main__":
    main()
