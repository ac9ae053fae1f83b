"""The ``ordo`` command: serve, worker, db, pack, order, user, audit."""
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

from api import cli_groups
from api.cli_support import CliContext, OrdoGroup, pass_ordo
from engine.runtime.service import Runtime
from engine.settings import environment, resolve

DEFAULT_URL = "http://127.0.0.1:8000"
FINAL_STATES = {"completed", "partial", "failed", "rejected", "cancelled"}


def _setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")


@click.group(cls=OrdoGroup)
@click.option("--database-url", metavar="URL", help="The database (default: $ORDO_DATABASE_URL, else database_url "
                                                    "of the config file, else SQLite $ORDO_HOME/ordo.db).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), envvar="ORDO_CONFIG",
              help="Config file (TOML; default: $ORDO_HOME/ordo.toml when it exists).")
@click.option("--as", "acting_as", metavar="USER", envvar="ORDO_AS",
              help="The Ordo user to act and be audited as (default: the user named like the OS user).")
@click.pass_context
def main(ctx: click.Context, database_url: str | None, config_file: str | None, acting_as: str | None) -> None:
    """Ordo: order management driven by versioned rule packs."""
    ctx.obj = CliContext(resolve({"database_url": database_url, "config": config_file}), acting_as)


@main.command("config")
@pass_ordo
def show_config(ordo: CliContext) -> None:
    """Where Ordo keeps its data and where each setting came from."""
    from sqlalchemy.engine import make_url

    settings = ordo.settings
    click.echo(f"home\t{settings.home}")
    click.echo(f"config file\t{settings.config_file}" + ("" if settings.config_file.is_file() else " (none)"))
    click.echo(f"database_url\t{make_url(settings.database_url).render_as_string(hide_password=True)}"
               f"\t({settings.origin['database_url']})")
    click.echo("secret_key\t" + (f"set ({settings.origin['secret_key']})" if settings.secret_key else "not set"))


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--with-worker", is_flag=True, help="Also run one worker process; Ctrl-C stops both.")
@click.option("--dev", is_flag=True, help="Local demo (make run): without ORDO_SECRET_KEY, generate a throwaway "
                                          "one (sessions end with the process).")
@pass_ordo
def serve(ordo: CliContext, host: str, port: int, threads: int, with_worker: bool, dev: bool) -> None:
    """Run the HTTP API (and the built front end); needs a secret key (ORDO_SECRET_KEY or secret_key in the
    config file) unless --dev."""
    import secrets

    from waitress import serve as waitress_serve

    from api.app import create_app
    from api.auth.blueprint import MissingSecretKey

    _setup_logging()
    ordo.runtime()
    config = {"DATABASE_URL": ordo.settings.database_url}
    if ordo.settings.secret_key:
        config["SECRET_KEY"] = ordo.settings.secret_key
    elif dev:
        config["SECRET_KEY"] = secrets.token_hex(32)
        click.echo(f"development secret key (this run only): ORDO_SECRET_KEY={config['SECRET_KEY']}")
    try:
        app = create_app(config)
    except MissingSecretKey as error:
        raise click.ClickException(str(error)) from error
    worker_env = environment(ORDO_DATABASE_URL=ordo.settings.database_url)
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


@main.command()
@click.option("--lease-seconds", default=60.0, show_default=True, type=float)
@click.option("--poll-interval", default=0.2, show_default=True, type=float)
@click.option("--burst", is_flag=True, help="Exit when no job is due instead of waiting for more.")
@pass_ordo
def worker(ordo: CliContext, lease_seconds: float, poll_interval: float, burst: bool) -> None:
    """Lease and run background jobs until SIGTERM / Ctrl-C (the current job finishes first)."""
    from engine.runtime.jobs.worker import Worker

    _setup_logging()
    ordo.runtime()
    jobs = Runtime.connect(ordo.settings.database_url, replayable=True)
    runner = Worker(jobs.session_factory, jobs.clock, lease_seconds=lease_seconds, poll_interval=poll_interval)
    if burst:
        click.echo(f"ran {runner.run_until_idle()} jobs")
    else:
        runner.run_forever()


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@pass_ordo
def db_upgrade(ordo: CliContext) -> None:
    """Create or migrate the schema to the current head (writes no audit entry, so it needs no Ordo user)."""
    from engine.store.migrate import head_revisions, upgrade

    engine = ordo.runtime(migrated=False).engine
    upgrade(engine)
    click.echo(f"database {engine.url.render_as_string(hide_password=True)} at {', '.join(head_revisions())}")


@main.group()
def pack() -> None:
    """Rule packs."""


def _pack_ref(ref: str) -> tuple[str, int | None]:
    from studio.packs import parse_pack_ref

    try:
        return parse_pack_ref(ref)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def _read_folder(folder: Path):
    from studio.packs import PackError, read_pack_folder

    try:
        return read_pack_folder(folder)
    except PackError as error:
        raise click.ClickException(str(error)) from error


@pack.command("validate")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def pack_validate(folder: Path) -> None:
    """Validate every artifact of a pack folder and the pack's references (no database needed)."""
    from studio.packs import check_source

    source = _read_folder(folder)
    issues, _ = check_source(source)
    for issue in issues:
        click.echo(f"{issue['artifact']}{issue['pointer']}: [{issue['code']}] {issue['message']}")
    if issues:
        raise click.ClickException(f"{len(issues)} problem(s) in pack {source.key}")
    click.echo(f"pack {source.key}: {len(source.artifacts)} artifacts valid")


@pack.command("test")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def pack_test(folder: Path) -> None:
    """Run every artifact's own tests (no database needed)."""
    from engine.kinds import run_document_tests

    source = _read_folder(folder)
    failed = total = 0
    for document in source.artifacts:
        for result in run_document_tests(document):
            total += 1
            if not result.passed:
                failed += 1
                click.echo(f"FAIL {document['key']}: {result.name}: {result.message}")
    click.echo(f"{total - failed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@pack.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--activate", "make_active", is_flag=True, help="Activate the imported pack version.")
@pass_ordo
def pack_import(ordo: CliContext, folder: Path, make_active: bool) -> None:
    """Import a rule pack folder (pack.json + artifacts), publishing what changed."""
    from studio.packs import activate, import_pack

    source = _read_folder(folder)
    with ordo.changing("studio.publish", *(["pack.activate"] if make_active else [])) as uow:
        imported = import_pack(uow, source)
        changed = activate(uow, imported) if make_active else False
        label = f"{imported.key}@{imported.version}"
    click.echo(f"pack {label} imported" + (", activated" if changed else ", already active" if make_active else ""))


@pack.command("seed")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@pass_ordo
def pack_seed(ordo: CliContext, folder: Path) -> None:
    """Import a shipped pack only when its content is absent; activate it only when no pack is active.

    Never replaces the active pack, so a pack published and activated in the studio survives `make run`;
    a repeated seed changes nothing. A setup command: runs as `system:<OS user>` when no Ordo user maps."""
    from studio.errors import Conflict
    from studio.packs import current_pack, seed

    source = _read_folder(folder)
    try:
        with ordo.setting_up() as uow:
            seeded = seed(uow, source)
            label, active = f"{seeded.pack.key}@{seeded.pack.version}", seeded.active
            active_label = f"{active.key}@{active.version}" if active else None
    except Conflict as error:
        with ordo.reading() as session:
            active = current_pack(session)
            if active is None:
                raise
            click.echo(f"pack {source.key} not imported ({error}); {active.key}@{active.version} stays active")
            return
    state = "activated" if seeded.activated else "active" if active_label == label else \
        f"{active_label} stays active" if active_label else "not active"
    click.echo(f"pack {label} " + ("imported" if seeded.imported else "already there") + f", {state}")


def _pins(values: tuple[str, ...]) -> dict[str, int]:
    pins = {}
    for value in values:
        artifact, _, version = value.partition("=")
        if not artifact or not version.isdigit() or int(version) < 1:
            raise click.BadParameter(f"{value!r}: write ARTIFACT=VERSION, e.g. catalog=3", param_hint="--pin")
        pins[artifact] = int(version)
    return pins


@pack.command("publish")
@click.argument("key", required=False)
@click.option("--title", required=True, help="Title of the new pack version (what it changes).")
@click.option("--base", "base_version", type=int, help="Pack version to start from (default: the newest).")
@click.option("--from-active", is_flag=True, help="Start from the active pack version (KEY may be left out).")
@click.option("--pin", "pins", multiple=True, metavar="ARTIFACT=VERSION",
              help="Pin this published artifact version; repeatable. With --pin, every other pin stays as in the "
                   "base version.")
@pass_ordo
def pack_publish(ordo: CliContext, key: str | None, title: str, base_version: int | None, from_active: bool,
                 pins: tuple[str, ...]) -> None:
    """New pack version from a base version: with --pin, the base's pins with those changed; without, the
    newest published version of each artifact of the base."""
    from studio.packs import base_pack, derive_pack, newest_version, republish_latest

    if from_active and base_version is not None:
        raise click.UsageError("give either --base or --from-active")
    if not key and not from_active:
        raise click.UsageError("name the pack KEY, or use --from-active")
    changed = _pins(pins)
    with ordo.changing("studio.publish") as uow:
        base = base_pack(uow.session, key, "active" if from_active else base_version)
        newest_before = newest_version(uow.session, base.key)
        published = derive_pack(uow, base, changed, title) if changed else \
            republish_latest(uow, base.key, title=title, base=base)
        label, is_new = f"{published.key}@{published.version}", published.version > newest_before
    click.echo(f"pack {label} published" if is_new else f"pack {label} already has this content: nothing published")


@pack.command("activate")
@click.argument("ref")
@pass_ordo
def pack_activate(ordo: CliContext, ref: str) -> None:
    """Activate KEY@VERSION (one audited action)."""
    from studio.packs import activate, find_pack

    key, version = _pack_ref(ref)
    if version is None:
        raise click.UsageError("give the version to activate: KEY@VERSION")
    with ordo.changing("pack.activate") as uow:
        changed = activate(uow, find_pack(uow.session, key, version))
    click.echo(f"pack {key}@{version} " + ("activated" if changed else "was already active"))


@pack.command("rollback")
@pass_ordo
def pack_rollback(ordo: CliContext) -> None:
    """Re-activate the pack that was active before the current one."""
    from studio.packs import rollback

    with ordo.changing("pack.activate") as uow:
        previous = rollback(uow)
        click.echo(f"rolled back to {previous.key}@{previous.version}")


@pack.command("export")
@click.argument("ref")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@pass_ordo
def pack_export(ordo: CliContext, ref: str, folder: Path) -> None:
    """Write pack KEY@VERSION as a pack folder (pack.json + artifacts/)."""
    from studio.packs import export_pack, find_pack, write_pack_folder

    key, version = _pack_ref(ref)
    with ordo.reading() as session:
        manifest, documents = export_pack(find_pack(session, key, version))
    write_pack_folder(folder, manifest, documents)
    click.echo(f"pack {key}@{manifest['version']} written to {folder} ({len(documents)} artifacts)")


@pack.command("diff")
@click.argument("old_ref")
@click.argument("new_ref")
@pass_ordo
def pack_diff(ordo: CliContext, old_ref: str, new_ref: str) -> None:
    """What changed between two pack versions: pins, bindings, and each changed artifact."""
    from studio.pack_diff import diff_packs
    from studio.packs import find_pack

    (old_key, old_version), (new_key, new_version) = _pack_ref(old_ref), _pack_ref(new_ref)
    with ordo.reading() as session:
        result = diff_packs(find_pack(session, old_key, old_version), find_pack(session, new_key, new_version))
    click.echo(json.dumps(result, indent=2, default=str))


@main.group()
def table() -> None:
    """Decision tables as DMN XML, XLSX or CSV files."""


@table.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", required=True, help="Artifact key of the decision table.")
@click.option("--part", help="DMN decision id/name or XLSX sheet, when the file holds several.")
@click.option("--publish", "then_publish", is_flag=True, help="Publish the new draft right away.")
@pass_ordo
def table_import(ordo: CliContext, file: Path, key: str, part: str | None, then_publish: bool) -> None:
    """Import a table as a new draft version of KEY (creating the artifact if needed)."""
    from engine.rules.decision_table import DecisionTableError
    from engine.rules.dmn import DmnError
    from engine.rules.spreadsheet import SheetError
    from studio import artifacts
    from studio.errors import NotFound
    from studio.tables import read_table, table_document

    try:
        name, body = read_table(file, part)
    except (DmnError, SheetError, DecisionTableError) as error:
        raise click.ClickException(f"{file}: {error}") from error
    with ordo.changing("studio.edit", *(["studio.publish"] if then_publish else [])) as uow:
        try:
            draft = artifacts.create_draft(uow, key=key)
            draft = artifacts.save_draft(uow, key, draft.version, {**draft.document, "body": body}, draft.revision)
        except NotFound:
            draft = artifacts.create_draft(uow, table_document(key, name, body))
        if then_publish:
            artifacts.publish(uow, key, draft.version)
        label = f"{key}@{draft.version} {draft.status}"
    click.echo(f"table {name!r} imported as {label}")


@table.command("export")
@click.argument("ref")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ordo
def table_export(ordo: CliContext, ref: str, file: Path) -> None:
    """Write decision table KEY[@VERSION] (default: newest version) as .dmn, .xlsx or .csv."""
    from studio import artifacts
    from studio.tables import write_table

    key, version = _pack_ref(ref)
    with ordo.reading() as session:
        found = artifacts.find_artifact(session, key)
        chosen = artifacts.find_version(session, key, version) if version else found.versions[-1]
        if found.kind != "decision_table":
            raise click.ClickException(f"{key} is a {found.kind}, not a decision_table")
        document = chosen.document
    write_table(file, key, document.get("title") or key, document["body"])
    click.echo(f"{key}@{chosen.version} written to {file}")


@main.group()
def order() -> None:
    """Orders through the running API."""


@order.command("submit")
@click.argument("file", type=click.File("r"))
@click.option("--url", default=DEFAULT_URL, show_default=True, help="Base URL of a running `ordo serve`.")
@click.option("--follow", is_flag=True, help="Show the order's progress until it ends, then its final state.")
@click.option("--timeout", default=120.0, show_default=True, type=float)
@click.option("--token", envvar="ORDO_TOKEN", help="Bearer API token (default: $ORDO_TOKEN); see `ordo user token`.")
def order_submit(file, url: str, follow: bool, timeout: float, token: str | None) -> None:
    """POST a TMF622 ProductOrder JSON file."""
    try:
        payload = json.load(file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{file.name}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from error
    status, body = _http("POST", f"{url}/tmf-api/productOrderingManagement/v4/productOrder", payload, token)
    if status != 201:
        raise click.ClickException(f"HTTP {status}: {body.get('reason')}: {body.get('message')}")
    click.echo(f"order {body['id']} {body['state']}")
    if follow:
        final = _follow(url, body["id"], timeout, token)
        click.echo(json.dumps(final, indent=2))
        if final["state"] != "completed":
            sys.exit(2)


def _follow(url: str, order_id: str, timeout: float, token: str | None) -> dict:
    seen, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, detail = _http("GET", f"{url}/api/v1/orders/{order_id}", token=token)
        done = sum(t["state"] == "completed" for t in detail["tasks"])
        line = f"{detail['state']} ({detail['stage']}), tasks {done}/{len(detail['tasks'])} completed"
        if line != seen:
            click.echo(f"  {time.strftime('%H:%M:%S')} {line}")
            seen = line
        if detail["state"] in FINAL_STATES:
            _, tmf = _http("GET", f"{url}/tmf-api/productOrderingManagement/v4/productOrder/{order_id}", token=token)
            return tmf
        time.sleep(0.3)
    raise click.ClickException(f"order {order_id} did not end within {timeout:.0f}s")


def _http(method: str, url: str, payload: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    data = json.dumps(payload).encode() if payload is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except urllib.error.URLError as error:
        raise click.ClickException(f"cannot reach {url}: {error.reason} (is `ordo serve` running?)") from error


@main.group()
def user() -> None:
    """Users, roles and API tokens."""


def _new_password() -> str:
    import secrets

    return secrets.token_urlsafe(12)


@user.command("add")
@click.argument("username")
@click.option("--role", required=True, help="One of the roles of api/roles.py.")
@click.option("--party", "party_id", help="The customer's party id (created when new); customers only.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (else one is made).")
@pass_ordo
def user_add(ordo: CliContext, username: str, role: str, party_id: str | None, password_stdin: bool) -> None:
    """Add a user; without --password-stdin a random password is printed once. A setup command."""
    from api.auth.users import create_user

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else _new_password()
    with ordo.setting_up() as uow:
        create_user(uow, username, role, party_id, password)
    click.echo(f"user {username} ({role}{', party ' + party_id if party_id else ''}) added")
    if not password_stdin:
        click.echo(f"password: {password}")


@user.command("token")
@click.argument("username")
@click.option("--name", default="cli", show_default=True, help="A label for the token.")
@pass_ordo
def user_token(ordo: CliContext, username: str, name: str) -> None:
    """Create a bearer API token for USERNAME and print it (it is shown only this once). A setup command."""
    from api.auth.tokens import create_token
    from api.auth.users import find_user

    with ordo.setting_up() as uow:
        found = find_user(uow.session, username)
        if found is None:
            raise click.ClickException(f"no user {username!r}")
        _, token = create_token(uow, found, name)
    click.echo(token)


@user.command("list")
@pass_ordo
def user_list(ordo: CliContext) -> None:
    """Every user with role, party and live token count."""
    from api.auth.tokens import list_tokens
    from api.auth.users import list_users

    with ordo.reading() as session:
        for found in list_users(session):
            live = sum(t.revoked_at is None for t in list_tokens(session, found))
            click.echo(f"{found.username}\t{found.role}\t{found.party_id or '-'}\t"
                       f"{'active' if found.active else 'disabled'}\t{live} token(s)")


DEMO_PARTY = ("cust-0042", "Jane Example")


@user.command("demo")
@pass_ordo
def user_demo(ordo: CliContext) -> None:
    """One demo user per role (named after it), with random passwords printed once; existing ones are kept.
    The demo agents join every assignment group of the active pack's plans, and the fallout agent every group a
    fallout record can get (api.cli_groups.staff_demo_groups).
    A setup command."""
    from api.auth.users import create_user, find_user
    from api.roles import CUSTOMER, ROLES

    created = []
    with ordo.setting_up() as uow:
        for role in ROLES:
            if find_user(uow.session, role) is None:
                party = DEMO_PARTY if role == CUSTOMER else (None, None)
                password = _new_password()
                create_user(uow, role, role, party[0], password, party_name=party[1])
                created.append((role, password))
        staffed = cli_groups.staff_demo_groups(uow)
    for username, password in created:
        click.echo(f"{username}\t{password}")
    click.echo(f"{len(created)} demo user(s) created, {len(ROLES) - len(created)} already there")
    if staffed:
        click.echo(f"{len(staffed)} assignment group membership(s) added for the demo agents")


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("list")
@click.option("--order", "order_id", help="Everything that happened to this order: the order, its tasks, fallout, "
                                          "domain orders, approvals, cancellations and jeopardy alerts.")
@click.option("--entity-type")
@click.option("--entity-id")
@click.option("--actor")
@click.option("--action")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@pass_ordo
def audit_list(ordo: CliContext, limit: int, **chosen) -> None:
    """Audit entries, newest first: id, time, actor, action, entity and data."""
    from engine.clock import iso
    from engine.store.audit_query import AuditFilter, find_events

    with ordo.reading() as session:
        total, events = find_events(session, AuditFilter(**chosen), limit=limit)
    for event in events:
        click.echo(f"{event.id}\t{iso(event.at)}\t{event.actor}\t{event.action}\t{event.entity_type}:"
                   f"{event.entity_id}\t{json.dumps(event.data, sort_keys=True, default=str)}")
    click.echo(f"{len(events)} of {total} entries")


@audit.command("verify")
@pass_ordo
def audit_verify(ordo: CliContext) -> None:
    """Check the whole chain; report the first tampered entry."""
    from engine.store.audit import verify

    with ordo.reading() as session:
        broken = verify(session)
    if broken:
        click.echo(f"audit chain broken at entry {broken.event_id}: {broken.reason}", err=True)
        sys.exit(1)
    click.echo("audit chain intact")


from api.demo.command import demo  # noqa: E402  (ordo demo: plays the demo pack's examples on a running Ordo)

main.add_command(demo)
main.add_command(cli_groups.group)

if __name__ == "__main__":
    main()
