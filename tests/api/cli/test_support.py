"""The CLI outside the repository: configuration resolved once, one-line errors, and the real actor audited."""
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine.store.models import AuditEvent
from tests.api.cli.test_pack import publish_catalog_version
from tests.conftest import BACKEND, DEMO_PACK, ROOT


def run_ordo(cwd, *args, **env):
    """``python -m api.cli ...`` in another working directory, with only the given ORDO_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ORDO_")}
    done = subprocess.run([sys.executable, "-m", "api.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**clean, "PYTHONPATH": str(ROOT), **env})
    return done.returncode, done.stdout + done.stderr


@pytest.mark.skipif(BACKEND != "sqlite", reason="the default database is SQLite in ORDO_HOME")
def test_outside_the_repo_the_database_is_in_ordo_home_and_errors_are_one_line(tmp_path):
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, output = run_ordo(elsewhere, "user", "list", ORDO_HOME=str(home))
    assert code == 1 and "no database at" in output and "ordo db upgrade" in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    code, output = run_ordo(elsewhere, "db", "upgrade", ORDO_HOME=str(home))
    assert code == 0 and str(home / "ordo.db") in output
    code, output = run_ordo(elsewhere, "pack", "seed", DEMO_PACK, ORDO_HOME=str(home))
    assert code == 0 and output.strip() == "pack telco-demo@1 imported, activated"
    code, output = run_ordo(elsewhere, "--as", "nobody", "pack", "rollback", ORDO_HOME=str(home))
    assert code == 1 and "no Ordo user 'nobody'" in output and "Traceback" not in output
    assert not (elsewhere / "var").exists() and sorted(p.name for p in elsewhere.iterdir()) == []


def test_an_un_migrated_database_is_named_with_what_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.db"
    empty.touch()
    result = CliRunner().invoke(main, ["--database-url", f"sqlite:///{empty}", "pack", "rollback"])
    assert result.exit_code == 1 and "run `ordo db upgrade` first" in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.skipif(BACKEND != "postgresql", reason="an empty PostgreSQL schema")
def test_an_un_migrated_postgresql_database_is_named_with_what_to_run(database_url):
    url = database_url + "?options=-csearch_path%3Dordo_nothing_here"
    result = CliRunner().invoke(main, ["--database-url", url, "user", "list"])
    assert result.exit_code == 1 and "run `ordo db upgrade` first" in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.fixture
def ordo(database_url, monkeypatch, tmp_path, make_user, demo_pack):
    """The CLI run from an unrelated folder on a database with the demo pack, an admin and a customer."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    monkeypatch.setattr("api.cli.support.getpass.getuser", lambda: "osuser")
    make_user("admin", "processAdmin")
    make_user("cust", "customer", party="p-1")
    runner = CliRunner()
    return lambda *args, **env: runner.invoke(main, [str(a) for a in args], env=env or None)


def bad_json(tmp_path):
    (tmp_path / "order.json").write_text('{"productOrderItem": [')
    return tmp_path / "order.json"


@pytest.mark.parametrize("args, message", [
    (("--as", "admin", "pack", "activate", "nope@1"), "no rule pack nope@1"),
    (("--as", "admin", "pack", "export", "telco-demo@x", "out"), "the version after @ must be a number"),
    (("--as", "admin", "pack", "diff", "telco-demo@1", "telco-demo@7"), "no rule pack telco-demo@7"),
    (("--as", "admin", "pack", "import", "no-such-folder"), "'no-such-folder' does not exist"),
    (("--as", "admin", "table", "export", "nope", "out.csv"), "nope"),
    (("--as", "ghost", "pack", "rollback"), "--as ghost: no Ordo user 'ghost'"),
    (("--as", "cust", "pack", "activate", "telco-demo@1"), "cust (customer) lacks the permission pack.activate"),
    (("pack", "activate", "telco-demo@1"), "the OS user 'osuser' is no Ordo user"),
    (("user", "token", "ghost"), "no user 'ghost'"),
    (("order", "submit", bad_json), "order.json:1:23: not JSON"),
    (("--config", "missing.toml", "user", "list"), "missing.toml not found"),
])
def test_user_mistakes_end_in_one_clear_line(ordo, tmp_path, args, message):
    result = ordo(*[a(tmp_path) if callable(a) else a for a in args])
    assert result.exit_code in (1, 2) and message in result.output, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert not (tmp_path / "var").exists()


def last_entry(runtime) -> AuditEvent:
    with runtime.reading() as session:
        return session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()


def test_changes_are_audited_as_the_user_given_with_as(ordo, runtime):
    assert ordo("--as", "admin", "pack", "publish", "telco-demo", "--title", "t").exit_code == 0
    assert ordo("--as", "admin", "user", "add", "bob", "--role", "auditor").exit_code == 0
    assert (last_entry(runtime).actor, last_entry(runtime).action) == ("admin", "user.created")
    assert ordo("user", "add", "eve", "--role", "auditor", ORDO_AS="admin").exit_code == 0
    assert last_entry(runtime).actor == "admin"


def test_without_as_the_os_user_is_the_actor_when_an_ordo_user_has_its_name(ordo, runtime, make_user):
    make_user("osuser", "processAdmin")
    version = publish_catalog_version(runtime, "Fibre 100 (renamed by osuser)")
    published = ordo("pack", "publish", "--from-active", "--pin", f"catalog.telco-demo={version}", "--title", "mine")
    assert published.output.strip() == "pack telco-demo@2 published"
    assert (last_entry(runtime).actor, last_entry(runtime).action) == ("osuser", "pack.published")
    assert ordo("pack", "activate", "telco-demo@2").output.strip() == "pack telco-demo@2 activated"
    assert (last_entry(runtime).actor, last_entry(runtime).action) == ("osuser", "pack.activated")


def test_setup_commands_without_a_matching_user_are_audited_as_system_and_the_os_user(ordo, runtime):
    assert ordo("user", "add", "carol", "--role", "orderAgent").exit_code == 0
    entry = last_entry(runtime)
    assert (entry.actor, entry.action, entry.entity_id) == ("system:osuser", "user.created", "carol")
    assert ordo("--as", "carol", "user", "token", "carol").exit_code == 0
    assert (last_entry(runtime).actor, last_entry(runtime).action) == ("carol", "token.created")


def test_config_file_in_ordo_home_names_the_database(database_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ORDO_DATABASE_URL", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "ordo.toml").write_text(f"database_url = {json.dumps(database_url)}\n")
    runner = CliRunner()
    shown = runner.invoke(main, ["config"], env={"ORDO_HOME": str(home)})
    assert f"({home / 'ordo.toml'})" in shown.output and "secret_key\tnot set" in shown.output
    assert runner.invoke(main, ["user", "list"], env={"ORDO_HOME": str(home)}).exit_code == 0
    (home / "ordo.toml").write_text("database_url = [\n")
    broken = runner.invoke(main, ["user", "list"], env={"ORDO_HOME": str(home)})
    assert broken.exit_code == 1 and f"config file {home / 'ordo.toml'}: " in broken.output


def test_config_shows_what_the_file_sets_hides_secrets_and_forgets_it_after_the_command(tmp_path, monkeypatch):
    from engine.settings import variable

    for name in ("ORDO_LOG_FORMAT", "ORDO_METRICS_TOKEN", "ORDO_BREAKER_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "ordo.toml").write_text('log_format = "json"\nmetrics_token = "s3cret"\nbreaker_threshold = 9\n')
    runner = CliRunner()
    shown = runner.invoke(main, ["config"], env={"ORDO_HOME": str(home), "ORDO_BREAKER_THRESHOLD": "2"})
    assert f"ORDO_LOG_FORMAT\tjson\t({home / 'ordo.toml'})" in shown.output
    assert "ORDO_METRICS_TOKEN\tset\t" in shown.output and "s3cret" not in shown.output
    assert "ORDO_BREAKER_THRESHOLD\t2\t(environment, over the config file)" in shown.output
    assert variable("ORDO_LOG_FORMAT") is None
    listed = runner.invoke(main, ["config", "--variables"], env={"ORDO_HOME": str(home)})
    assert "ORDO_METRICS_TOKEN\tmetrics_token\t" in listed.output and "ORDO_HOME\t(environment only)" in listed.output


def commands(group: click.Group):
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from commands(command)


def fixed_actors(path: Path) -> list[str]:
    """``unit_of_work(actor="...")`` / ``unit_of_work("...")`` calls with a literal actor in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "unit_of_work":
            given = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "actor")]
            found += [f"{path.name}:{node.lineno}" for value in given if isinstance(value, ast.Constant)]
    return found


def test_no_command_audits_under_a_fixed_name():
    """Every `ordo` command (also ones registered later) acts as the resolved user (CliContext), never as 'cli'."""
    modules = {sys.modules[c.callback.__module__].__file__ for c in commands(main) if c.callback}
    assert modules and not [hit for module in sorted(modules) for hit in fixed_actors(Path(module))]
