"""``ordo serve`` and ``ordo worker``: the long-running processes."""
from __future__ import annotations

import ipaddress
import signal
import subprocess
import sys

import click

from api import logs
from api.cli.support import CliContext, pass_ordo
from engine import tracing
from engine.runtime.service import Runtime
from engine.settings import environment


def _setup_logging(role: str) -> None:
    """Logs, and traces when an OTLP endpoint is configured (``engine.tracing``), for the process ``role``."""
    logs.configure()
    tracing.configure(role)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--with-worker", is_flag=True, help="Also run one worker process; Ctrl-C stops both.")
@click.option("--dev", is_flag=True, help="Local demo (make run): without ORDO_SECRET_KEY, generate a throwaway "
                                          "one (sessions end with the process).")
@click.option("--no-auth", is_flag=True, help="With --dev on a loopback host only: no authentication, every call "
                                              "without credentials may do anything (conformance kits, local demos).")
@pass_ordo
def serve(ordo: CliContext, host: str, port: int, threads: int, with_worker: bool, dev: bool,
          no_auth: bool) -> None:
    """Run the HTTP API (and the built front end); needs a secret key (ORDO_SECRET_KEY or secret_key in the
    config file) unless --dev."""
    import secrets

    from waitress import serve as waitress_serve

    from api.app import create_app
    from api.auth.blueprint import MissingSecretKey

    if no_auth:
        _check_no_auth(host, dev)
    _setup_logging("api")
    ordo.runtime()
    config = {"DATABASE_URL": ordo.settings.database_url}
    if no_auth:
        config["AUTH_REQUIRED"] = False
        click.echo("authentication is OFF: any caller on this machine may do anything (--dev --no-auth)")
    if ordo.settings.secret_key:
        config["SECRET_KEY"] = ordo.settings.secret_key
    elif dev:
        config["SECRET_KEY"] = secrets.token_hex(32)
        click.echo(f"development secret key (this run only): ORDO_SECRET_KEY={config['SECRET_KEY']}")
    try:
        app = create_app(config)
    except MissingSecretKey as error:
        raise click.ClickException(str(error)) from error
    same_file = {"ORDO_CONFIG": str(ordo.settings.config_file)} if ordo.settings.config_file.is_file() else {}
    worker_env = environment(ORDO_DATABASE_URL=ordo.settings.database_url, **same_file)
    worker = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], env=worker_env) if with_worker else None
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


def _check_no_auth(host: str, dev: bool) -> None:
    """Refuse --no-auth unless --dev is given too and the server listens on a loopback address only."""
    if not dev:
        raise click.UsageError("--no-auth is a development flag: give --dev too")
    if not is_loopback(host):
        raise click.UsageError(f"--no-auth serves only on a loopback host (127.0.0.1, ::1, localhost), not {host!r}: "
                               "without authentication anyone who reaches the server may do anything")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or ``localhost``); a wildcard such as 0.0.0.0 is not."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--lease-seconds", default=60.0, show_default=True, type=float)
@click.option("--poll-interval", default=0.2, show_default=True, type=float)
@click.option("--burst", is_flag=True, help="Exit when no job is due instead of waiting for more.")
@click.option("--metrics-port", type=click.IntRange(0, 65535), default=None,
              help="Serve this worker's job and stage durations at http://HOST:PORT/metrics (Prometheus).")
@click.option("--metrics-host", default="127.0.0.1", show_default=True,
              help="The address of --metrics-port; beyond loopback it needs ORDO_METRICS_TOKEN.")
@pass_ordo
def worker(ordo: CliContext, lease_seconds: float, poll_interval: float, burst: bool, metrics_port: int | None,
           metrics_host: str) -> None:
    """Lease and run background jobs until SIGTERM / Ctrl-C (the current job finishes first)."""
    from engine.runtime.jobs.worker import Worker

    _setup_logging("worker")
    if metrics_port is not None:
        _serve_worker_metrics(metrics_host, metrics_port)
    ordo.runtime()
    jobs = Runtime.connect(ordo.settings.database_url, replayable=True)
    runner = Worker(jobs.session_factory, jobs.clock, lease_seconds=lease_seconds, poll_interval=poll_interval)
    if burst:
        click.echo(f"ran {runner.run_until_idle()} jobs")
    else:
        runner.run_forever()


def _serve_worker_metrics(host: str, port: int) -> None:
    from api.worker_metrics import NeedsToken, serve_in_background

    try:
        server = serve_in_background(host, port, is_loopback(host))
    except NeedsToken as error:
        raise click.UsageError(str(error)) from error
    except OSError as error:
        raise click.ClickException(f"--metrics-port {port}: {error.strerror}") from error
    click.echo(f"worker metrics on http://{host}:{server.server_port}/metrics")
