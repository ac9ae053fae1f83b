"""Issue 15, item 6: the environment reaches the app only through the documented settings (engine/settings.py);
authentication is turned off only by `ordo serve --dev --no-auth`, on a loopback host."""
import signal

import pytest
import waitress
from click.testing import CliRunner

from api.app import create_app
from api.cli import main
from engine.settings import APP_CONFIG, VARIABLES, app_config


@pytest.fixture
def app_with(database_url):
    """``app_with()``: a production-like app (authentication on) built under the current environment."""
    built = []

    def build():
        app = create_app({"TESTING": True, "DATABASE_URL": database_url})
        built.append(app)
        return app
    yield build
    for app in built:
        app.extensions["ordo"].engine.dispose()


def test_ordo_auth_required_false_in_the_environment_changes_nothing(app_with, monkeypatch):
    monkeypatch.setenv("ORDO_AUTH_REQUIRED", "false")
    app = app_with()
    assert app.config["AUTH_REQUIRED"] is True
    refused = app.test_client().get("/api/v1/tasks")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert app.test_client().get("/tmf-api/productOrderingManagement/v4/productOrder").status_code == 401


@pytest.mark.parametrize("name, key, value", [
    ("ORDO_FOUR_EYES_PUBLISH", "FOUR_EYES_PUBLISH", "true"),
    ("ORDO_SESSION_COOKIE_NAME", "SESSION_COOKIE_NAME", "stolen"),
    ("ORDO_SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_HTTPONLY", "false"),
    ("ORDO_PERMANENT_SESSION_LIFETIME", "PERMANENT_SESSION_LIFETIME", "999999999"),
    ("ORDO_TESTING", "TESTING", "false"),
])
def test_no_undocumented_variable_reaches_the_app_config(app_with, monkeypatch, name, key, value):
    before = app_with().config[key]
    monkeypatch.setenv(name, value)
    assert app_with().config[key] == before


def test_the_documented_settings_still_reach_the_app(app_with, monkeypatch):
    monkeypatch.setenv("ORDO_MAX_BODY_BYTES", "200")
    monkeypatch.setenv("ORDO_STREAM_BATCH", "7")
    app = app_with()
    assert app.config["STREAM_BATCH"] == "7" and app.config["MAX_CONTENT_LENGTH"] == 200
    too_big = app.test_client().post("/api/v1/auth/login", json={"username": "a" * 100, "password": "b" * 200})
    assert too_big.status_code == 413


def test_every_variable_the_app_reads_is_documented():
    assert set(APP_CONFIG) <= set(VARIABLES)
    assert app_config({"ORDO_AUTH_REQUIRED": "false", "ORDO_STREAM_BATCH": "3", "ORDO_X": "1"}) == {"STREAM_BATCH": "3"}


@pytest.fixture
def served(monkeypatch, database_url):
    """What `ordo serve` would serve (and on which host), without listening or touching signal handlers."""
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    monkeypatch.setenv("ORDO_SECRET_KEY", "k" * 64)
    apps = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kwargs: apps.append((app, kwargs["host"])))
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    yield apps
    for app, _ in apps:
        app.extensions["ordo"].engine.dispose()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", ""])
def test_no_auth_refuses_to_start_on_a_host_that_is_not_loopback(served, host):
    result = CliRunner().invoke(main, ["serve", "--dev", "--no-auth", "--host", host])
    assert result.exit_code != 0 and "loopback" in result.output
    assert served == []


def test_no_auth_needs_the_dev_flag(served):
    result = CliRunner().invoke(main, ["serve", "--no-auth"])
    assert result.exit_code != 0 and "--dev" in result.output
    assert served == []


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_dev_no_auth_on_loopback_serves_without_authentication_and_says_so(served, host):
    result = CliRunner().invoke(main, ["serve", "--dev", "--no-auth", "--host", host])
    assert result.exit_code == 0, result.output
    assert "authentication is OFF" in result.output
    [(app, served_host)] = served
    assert served_host == host and app.config["AUTH_REQUIRED"] is False
    assert app.test_client().get("/api/v1/tasks").status_code == 200


def test_serve_ignores_ordo_auth_required_in_the_environment(served, monkeypatch):
    monkeypatch.setenv("ORDO_AUTH_REQUIRED", "false")
    result = CliRunner().invoke(main, ["serve", "--dev", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    [(app, _)] = served
    assert app.config["AUTH_REQUIRED"] is True and app.test_client().get("/api/v1/tasks").status_code == 401
