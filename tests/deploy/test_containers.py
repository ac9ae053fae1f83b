"""deploy/: the Dockerfile and the compose file ask only for what Ordo has (its commands and options, its settings,
its routes) and keep the promises the operator reads in them (non-root, a health check, the migrations once
before any server or worker). No Docker engine runs here, so the images themselves are not built by the suite."""
import re
import shlex

import click
import pytest
import yaml
from werkzeug.exceptions import MethodNotAllowed, NotFound

from api.app import build_app
from api.cli import main
from engine.settings import VARIABLES
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
ORDO_SERVICES = {name: service for name, service in COMPOSE["services"].items()
                 if service.get("image") == "ordo:latest"}


def instructions(name: str) -> list[str]:
    """The arguments of every ``name`` instruction of the Dockerfile (continued lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def parse_ordo(args: list[str]) -> click.Context:
    """Parse ``ordo args`` down to the leaf command, as click would, without running it (raises on an unknown
    command or option)."""
    ctx = main.make_context("ordo", list(args), resilient_parsing=False)
    command, rest = main, ctx.protected_args + ctx.args
    while isinstance(command, click.Group) and rest:
        name, command, rest = command.resolve_command(ctx, rest)
        ctx = command.make_context(name, rest, parent=ctx)
        rest = ctx.protected_args + ctx.args if isinstance(command, click.Group) else []
    return ctx


def test_the_image_runs_as_a_non_root_user_on_slim_bases():
    user = instructions("USER")
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert all("slim" in base for base in instructions("FROM"))


def test_the_default_command_and_every_compose_command_are_real_ordo_commands():
    entrypoint, command = (yaml.safe_load(instructions(name)[-1]) for name in ("ENTRYPOINT", "CMD"))
    assert entrypoint == ["ordo"]
    assert parse_ordo(command).command.name == "serve"
    for name, service in ORDO_SERVICES.items():
        assert parse_ordo(service["command"]).command.name, name
    with pytest.raises(click.UsageError):
        parse_ordo(["serve", "--no-such-option"])


def test_the_health_check_calls_the_health_route_on_the_served_port():
    check = instructions("HEALTHCHECK")[-1]
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/[^'\"]*)", check)
    serve = parse_ordo(yaml.safe_load(instructions("CMD")[-1]))
    assert url and int(url.group(1)) == serve.params["port"]
    adapter = build_app({"TESTING": True}).url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(url.group(2), method="GET")
    except (NotFound, MethodNotAllowed):
        pytest.fail(f"the health check calls {url.group(2)}, which is no route")
    assert endpoint == "native_health.health"


def test_compose_sets_only_ordo_settings_and_runs_the_migrations_once_before_servers_and_workers():
    for service in ORDO_SERVICES.values():
        unknown = {name for name in service["environment"] if name.startswith("ORDO_")} - set(VARIABLES)
        assert not unknown
    assert ORDO_SERVICES["migrate"]["command"] == ["db", "upgrade"]
    assert ORDO_SERVICES["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        assert ORDO_SERVICES[name]["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
        assert "replicas" in ORDO_SERVICES[name]["deploy"]
    assert COMPOSE["services"]["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_the_proxy_sends_to_the_port_the_api_servers_listen_on():
    port = parse_ordo(ORDO_SERVICES["api"]["command"]).params["port"]
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert f"server api:{port};" in nginx
    assert str(port) in ORDO_SERVICES["api"]["expose"]


def test_the_compose_commands_in_its_header_are_ordo_commands():
    header = [line for line in (DEPLOY / "compose.yaml").read_text().splitlines() if line.startswith("#")]
    runs = [shlex.split(line.lstrip("# "))[line.lstrip("# ").split().index("migrate") + 1:]
            for line in header if "run --rm migrate" in line]
    assert runs
    for args in runs:
        parse_ordo(args)
