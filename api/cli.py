"""The ``ordo`` command: serve, worker, db, pack, order, audit."""
from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import click

from engine.runtime.service import Runtime

DEFAULT_URL = "http://127.0.0.1:8000"
FINAL_STATES = {"completed", "partial", "failed", "rejected", "cancelled"}


def _setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")


@click.group()
def main() -> None:
    """Ordo: order management driven by versioned rule packs."""


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--with-worker", is_flag=True, help="Also run one worker process; Ctrl-C stops both.")
def serve(host: str, port: int, threads: int, with_worker: bool) -> None:
    """Run the HTTP API (and the built front end)."""
    from waitress import serve as waitress_serve

    from api.app import create_app

    _setup_logging()
    app = create_app()
    worker = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"]) if with_worker else None
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _interrupt)
    click.echo(f"Ordo listening on http://{host}:{port}" + (" with one worker" if worker else ""))
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="ordo")
    except KeyboardInterrupt:
        pass
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=60)


@main.command()
@click.option("--lease-seconds", default=60.0, show_default=True, type=float)
@click.option("--poll-interval", default=0.2, show_default=True, type=float)
@click.option("--burst", is_flag=True, help="Exit when no job is due instead of waiting for more.")
def worker(lease_seconds: float, poll_interval: float, burst: bool) -> None:
    """Lease and run background jobs until SIGTERM / Ctrl-C (the current job finishes first)."""
    from engine.runtime.worker import Worker
    from engine.store.migrate import ensure_migrated

    _setup_logging()
    ordo = Runtime.connect()
    ensure_migrated(ordo.engine)
    runner = Worker(ordo.session_factory, ordo.clock, lease_seconds=lease_seconds, poll_interval=poll_interval)
    if burst:
        click.echo(f"ran {runner.run_until_idle()} jobs")
    else:
        runner.run_forever()


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the current head."""
    from engine.store.migrate import head_revisions, upgrade

    ordo = Runtime.connect()
    upgrade(ordo.engine)
    click.echo(f"database {ordo.engine.url.render_as_string(hide_password=True)} at {', '.join(head_revisions())}")


@main.group()
def pack() -> None:
    """Rule packs."""


@pack.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--activate", "make_active", is_flag=True, help="Activate the imported pack version.")
def pack_import(folder: Path, make_active: bool) -> None:
    """Import a rule pack folder (pack.json + artifacts), publishing what changed."""
    from studio.packs import PackError, activate, import_pack, read_pack_folder

    try:
        source = read_pack_folder(folder)
    except PackError as error:
        raise click.ClickException(str(error)) from error
    ordo = Runtime.connect()
    with ordo.unit_of_work(actor="cli") as uow:
        imported = import_pack(uow, source)
        changed = activate(uow, imported) if make_active else False
        label = f"{imported.key}@{imported.version}"
    click.echo(f"pack {label} imported" + (", activated" if changed else ", already active" if make_active else ""))


@main.group()
def order() -> None:
    """Orders through the running API."""


@order.command("submit")
@click.argument("file", type=click.File("r"))
@click.option("--url", default=DEFAULT_URL, show_default=True, help="Base URL of a running `ordo serve`.")
@click.option("--follow", is_flag=True, help="Show the order's progress until it ends, then its final state.")
@click.option("--timeout", default=120.0, show_default=True, type=float)
def order_submit(file, url: str, follow: bool, timeout: float) -> None:
    """POST a TMF622 ProductOrder JSON file."""
    payload = json.load(file)
    status, body = _http("POST", f"{url}/tmf-api/productOrderingManagement/v4/productOrder", payload)
    if status != 201:
        raise click.ClickException(f"HTTP {status}: {body.get('reason')}: {body.get('message')}")
    click.echo(f"order {body['id']} {body['state']}")
    if follow:
        final = _follow(url, body["id"], timeout)
        click.echo(json.dumps(final, indent=2))
        if final["state"] != "completed":
            sys.exit(2)


def _follow(url: str, order_id: str, timeout: float) -> dict:
    seen, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, detail = _http("GET", f"{url}/api/v1/orders/{order_id}")
        done = sum(t["state"] == "completed" for t in detail["tasks"])
        line = f"{detail['state']} ({detail['stage']}), tasks {done}/{len(detail['tasks'])} completed"
        if line != seen:
            click.echo(f"  {time.strftime('%H:%M:%S')} {line}")
            seen = line
        if detail["state"] in FINAL_STATES:
            _, tmf = _http("GET", f"{url}/tmf-api/productOrderingManagement/v4/productOrder/{order_id}")
            return tmf
        time.sleep(0.3)
    raise click.ClickException(f"order {order_id} did not end within {timeout:.0f}s")


def _http(method: str, url: str, payload: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except urllib.error.URLError as error:
        raise click.ClickException(f"cannot reach {url}: {error.reason} (is `ordo serve` running?)") from error


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
def audit_verify() -> None:
    """Check the whole chain; report the first tampered entry."""
    from engine.store.audit import verify

    ordo = Runtime.connect()
    with ordo.reading() as session:
        broken = verify(session)
    if broken:
        click.echo(f"audit chain broken at entry {broken.event_id}: {broken.reason}", err=True)
        sys.exit(1)
    click.echo("audit chain intact")


if __name__ == "__main__":
    main()
