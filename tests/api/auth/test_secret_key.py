"""ORDO_SECRET_KEY: a server outside tests refuses to start without it; `ordo serve --dev` makes a throwaway one."""
import signal

import pytest
import waitress
from click.testing import CliRunner

from api.app import create_app
from api.auth.blueprint import MissingSecretKey
from api.cli import main


@pytest.fixture
def no_key(monkeypatch, database_url):
    monkeypatch.delenv("ORDO_SECRET_KEY", raising=False)
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    return database_url


def test_outside_tests_the_app_refuses_to_start_without_a_secret_key(no_key):
    with pytest.raises(MissingSecretKey, match="ORDO_SECRET_KEY is not set.*token_hex"):
        create_app()


def test_the_secret_key_comes_from_ordo_secret_key(no_key, monkeypatch):
    monkeypatch.setenv("ORDO_SECRET_KEY", "k" * 64)
    app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 64
    app.extensions["ordo"].engine.dispose()


def test_tests_get_a_generated_key(no_key):
    app = create_app({"TESTING": True})
    assert len(app.config["SECRET_KEY"]) == 64
    app.extensions["ordo"].engine.dispose()


@pytest.fixture
def served(monkeypatch):
    """What `ordo serve` would serve, without listening or touching the test process's signal handlers."""
    apps = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kwargs: apps.append(app))
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    yield apps
    for app in apps:
        app.extensions["ordo"].engine.dispose()


def test_ordo_serve_without_a_key_exits_with_the_message(no_key, served):
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1 and "ORDO_SECRET_KEY is not set" in result.output
    assert served == []


def test_ordo_serve_dev_generates_and_prints_a_throwaway_key(no_key, served):
    result = CliRunner().invoke(main, ["serve", "--dev"])
    assert result.exit_code == 0, result.output
    [app] = served
    assert f"ORDO_SECRET_KEY={app.config['SECRET_KEY']}" in result.output


def test_ordo_serve_dev_keeps_a_configured_key(no_key, served, monkeypatch):
    monkeypatch.setenv("ORDO_SECRET_KEY", "configured")
    result = CliRunner().invoke(main, ["serve", "--dev"])
    assert result.exit_code == 0 and "development secret key" not in result.output
    assert served[0].config["SECRET_KEY"] == "configured"


def test_make_run_serves_with_dev():
    from tests.conftest import ROOT

    assert "serve --with-worker --dev" in (ROOT / "Makefile").read_text()
