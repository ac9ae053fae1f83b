"""Where Ordo keeps its data and how it is configured, resolved once: flags > environment > ordo.toml > defaults.

The config file sets any variable of ``VARIABLES`` by its name without ``ORDO_`` in lower case
(``metrics_token = "..."`` is ``ORDO_METRICS_TOKEN``); the environment wins over the file.

``ORDO_HOME`` is the data folder (the default SQLite database and the config file ``ordo.toml`` live there).
Unset, it is the source checkout's ``var/`` when Ordo runs from one (``make run``, ``.venv/bin/ordo`` from any
folder), else the per-user data folder ``$XDG_DATA_HOME/ordo`` (``~/.local/share/ordo``). It never depends on
the working directory.

This is the only module that reads the environment: every ``ORDO_*`` variable Ordo understands is listed in
``VARIABLES`` and read with ``variable(name)`` (at call time, so a changed environment is seen); the few
OpenTelemetry standard variables Ordo reads are listed in ``OTEL_VARIABLES`` and read with ``otel_variable``.
"""
from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[1]
CONFIG_NAME = "ordo.toml"
CONFIG_KEYS = {"database_url": "ORDO_DATABASE_URL", "secret_key": "ORDO_SECRET_KEY"}
VARIABLES: dict[str, str] = {
    "ORDO_HOME": "the data folder (default database, ordo.toml)",
    "ORDO_CONFIG": "the config file (default $ORDO_HOME/ordo.toml)",
    "ORDO_DATABASE_URL": "the database (default SQLite $ORDO_HOME/ordo.db)",
    "ORDO_SECRET_KEY": "signs sessions and CSRF tokens; required by `ordo serve` outside --dev",
    "ORDO_AS": "the Ordo user the CLI acts as (--as)",
    "ORDO_TOKEN": "the bearer token of `ordo order submit` (--token)",
    "ORDO_BREAKER_THRESHOLD": "consecutive system failures that open a circuit breaker (5)",
    "ORDO_BREAKER_COOL_DOWN": "seconds before an open breaker lets one probe through (60)",
    "ORDO_WATCHDOG_DURATION_FACTOR": "a task is stuck past this many times its expected duration (3)",
    "ORDO_WATCHDOG_GRACE": "seconds of grace before the watchdog calls a task stuck (600)",
    "ORDO_ORDER_YIELD_ITEMS": "an order with more items advances one pipeline stage per job, so other orders' "
                              "jobs run in between (500; 0: never)",
    "ORDO_HTTP_ALLOWED_HOSTS": "hosts http.callout tasks may call (comma-separated)",
    "ORDO_HUB_ALLOWED_HOSTS": "hub callback hosts allowed although they resolve to private addresses",
    "ORDO_METRICS_TOKEN": "a bearer token that reads GET /metrics and the details of GET /api/v1/health "
                          "(unset: admins only)",
    "ORDO_LOG_FORMAT": "json: one JSON object per log line (timestamp, level, logger, message, request id, order "
                       "id, job id, actor) and a line per API request; human (default)",
    "ORDO_SMTP_HOST": "the SMTP server notifications are mailed through (unset: no e-mail)",
    "ORDO_SMTP_PORT": "its port (25)",
    "ORDO_SMTP_FROM": "the sender address (ordo@localhost)",
    "ORDO_SMTP_USER": "the SMTP user, with ORDO_SMTP_PASSWORD",
    "ORDO_SMTP_PASSWORD": "the SMTP password",
    "ORDO_SMTP_STARTTLS": "1: STARTTLS before sending",
    "ORDO_SMTP_RECIPIENTS": "group addresses, e.g. integration-support=a@example.com;*=ops@example.com",
    "ORDO_STREAM_HEARTBEAT_SECONDS": "seconds between keepalive comments of a live-update stream (15)",
    "ORDO_STREAM_LIFETIME_SECONDS": "seconds a live-update stream lasts before the client reconnects (300)",
    "ORDO_STREAM_POLL_SECONDS": "seconds between a stream's reads of the event outbox (1)",
    "ORDO_STREAM_MAX_CONNECTIONS": "open streams per server process; more answer 503 (4)",
    "ORDO_STREAM_BATCH": "outbox events a stream reads at once (200)",
    "ORDO_STREAM_RETRY_MS": "the reconnect delay a stream tells the browser (3000)",
    "ORDO_STREAM_GAP_GRACE_SECONDS": "seconds a stream waits for an outbox id still being written (30)",
    "ORDO_MAX_BODY_BYTES": "the largest request body; larger answer 413 (16 MiB)",
    "ORDO_JSON_MAX_DEPTH": "the deepest nesting of a JSON body (64)",
    "ORDO_JSON_MAX_STRING_LENGTH": "the longest string in a JSON body (100000)",
    "ORDO_MAX_ORDER_ITEMS": "the most items of one order (10000)",
    "ORDO_MAX_ITEM_CHARACTERISTICS": "the most characteristics of one order item (200)",
    "ORDO_OTLP_ENDPOINT": "the OTLP/HTTP collector traces are exported to, e.g. http://collector:4318 (unset: "
                          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, then OTEL_EXPORTER_OTLP_ENDPOINT; none: no traces)",
}
# The OpenTelemetry standard variables Ordo reads itself (``otel_variable``; the OTLP exporter may read more of
# its own, such as OTEL_EXPORTER_OTLP_HEADERS).
OTEL_VARIABLES: dict[str, str] = {
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "the full URL spans are POSTed to (e.g. http://collector:4318/v1/traces)",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "the collector's base URL; spans go to its /v1/traces",
}
NOT_IN_FILE = ("ORDO_HOME", "ORDO_CONFIG")  # they say where the file is
FILE_KEYS: dict[str, str] = {name.removeprefix("ORDO_").lower(): name for name in VARIABLES
                             if name not in NOT_IN_FILE}
"""The config file's keys and the variable each one sets."""
_from_file: dict[str, str] = {}  # the variables the config file in use sets (see ``use``)

# The variables the web app takes as Flask configuration, and their keys there: no other variable reaches it
# (authentication, for one, is turned off only by `ordo serve --dev --no-auth`).
APP_CONFIG: dict[str, str] = {
    "ORDO_DATABASE_URL": "DATABASE_URL", "ORDO_SECRET_KEY": "SECRET_KEY",
    **{name: name.removeprefix("ORDO_") for name in VARIABLES
       if name.startswith(("ORDO_STREAM_", "ORDO_MAX_", "ORDO_JSON_MAX_"))},
}


class ConfigError(ValueError):
    """A configuration the user wrote that cannot be used (unreadable file, bad TOML, unknown key, bad value)."""


@dataclass(frozen=True)
class Settings:
    home: Path
    config_file: Path
    database_url: str
    secret_key: str | None
    origin: dict[str, str] = field(default_factory=dict)
    """Where each value came from: flag, environment, the config file, or default."""
    from_file: dict[str, str] = field(default_factory=dict)
    """Every variable the config file sets, by its ``ORDO_*`` name."""


def use(settings: Settings | None) -> None:
    """Make the config file of ``settings`` the fallback of ``variable`` and ``app_config`` in this process
    (None: no file). The ``ordo`` command calls it once it has resolved its settings."""
    global _from_file
    _from_file = dict(settings.from_file) if settings else {}


def variable(name: str, default: str | None = None) -> str | None:
    """The environment variable ``name`` (one of VARIABLES), else the config file's value (see ``use``), else
    ``default``."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not an Ordo setting: add it to engine.settings.VARIABLES")
    return os.environ.get(name) or _from_file.get(name) or default


def otel_variable(name: str) -> str | None:
    """The OpenTelemetry standard variable ``name`` (one of OTEL_VARIABLES), or None when it is unset or empty."""
    if name not in OTEL_VARIABLES:
        raise KeyError(f"{name} is not an OpenTelemetry setting Ordo reads: add it to engine.settings.OTEL_VARIABLES")
    return os.environ.get(name) or None


def app_config(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The web app's configuration from the environment (else the config file in use): the variables of
    APP_CONFIG that are set, by their Flask key; every other ``ORDO_*`` variable is ignored."""
    values = {name: environ.get(name) or _from_file.get(name) for name in APP_CONFIG}
    return {key: values[name] for name, key in APP_CONFIG.items() if values[name]}


def environment(**overrides: str) -> dict[str, str]:
    """The process environment with ``overrides``, for a child process (the worker `ordo serve` starts)."""
    return {**os.environ, **overrides}


def is_source_checkout() -> bool:
    """Whether Ordo runs from a source checkout (an editable install) rather than an installed package."""
    return (SOURCE_ROOT / "pyproject.toml").is_file() and (SOURCE_ROOT / "migrations").is_dir()


def default_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``ORDO_HOME``; else ``var/`` of the source checkout Ordo runs from; else the per-user data folder."""
    if environ.get("ORDO_HOME"):
        return Path(environ["ORDO_HOME"]).expanduser().resolve()
    if is_source_checkout():
        return SOURCE_ROOT / "var"
    data_home = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser().resolve() / "ordo"


def resolve(flags: Mapping[str, str | None] | None = None, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings from flags (``database_url``, ``config``), the environment, the config file and defaults.

    Raises ConfigError for a config file that was named but is missing, or that cannot be read.
    """
    flags = flags or {}
    home = default_home(environ)
    named = flags.get("config") or environ.get("ORDO_CONFIG")
    config_file = Path(named).expanduser().resolve() if named else home / CONFIG_NAME
    if named and not config_file.is_file():
        raise ConfigError(f"config file {config_file} not found")
    from_file = read_config(config_file) if config_file.is_file() else {}
    values, origin = {}, {}
    for key, variable in CONFIG_KEYS.items():
        for source, value in (("flag", flags.get(key)), (variable, environ.get(variable)),
                              (str(config_file), from_file.get(variable))):
            if value:
                values[key], origin[key] = value, source
                break
    if "database_url" not in values:
        values["database_url"], origin["database_url"] = f"sqlite:///{home / 'ordo.db'}", "default"
    return Settings(home, config_file, values["database_url"], values.get("secret_key"), origin, from_file)


def read_config(path: Path) -> dict[str, str]:
    """The variables a config file (TOML) sets, by their ``ORDO_*`` name: its keys are those of FILE_KEYS, each a
    non-empty string, or a number or true/false for the other settings (database_url and secret_key are
    strings)."""
    try:
        document = tomllib.loads(path.read_text())
    except OSError as error:
        raise ConfigError(f"config file {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path}: {error}") from error
    unknown = sorted(set(document) - set(FILE_KEYS))
    if unknown:
        hints = [f"{key} (did you mean {close[0]}?)" if (close := difflib.get_close_matches(key, FILE_KEYS, 1))
                 else key for key in unknown]
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(hints)}; the keys are the variables "
                          "of `ordo config --variables` without ORDO_, in lower case")
    return {FILE_KEYS[key]: _file_value(path, key, value) for key, value in document.items()}


def _file_value(path: Path, key: str, value: object) -> str:
    if isinstance(value, str) and value:
        return value
    if key not in CONFIG_KEYS and isinstance(value, bool):
        return "1" if value else "0"
    if key not in CONFIG_KEYS and isinstance(value, int | float):
        return str(value)
    kind = "a non-empty string" if key in CONFIG_KEYS else "a non-empty string, a number or true/false"
    raise ConfigError(f"config file {path}: {key} must be {kind}")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None
