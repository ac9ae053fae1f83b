"""Where Ordo keeps its data and how it is configured, resolved once: flags > environment > ordo.toml > defaults.

``ORDO_HOME`` is the data folder (the default SQLite database and the config file ``ordo.toml`` live there).
Unset, it is the source checkout's ``var/`` when Ordo runs from one (``make run``, ``.venv/bin/ordo`` from any
folder), else the per-user data folder ``$XDG_DATA_HOME/ordo`` (``~/.local/share/ordo``). It never depends on
the working directory.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[1]
CONFIG_NAME = "ordo.toml"
CONFIG_KEYS = {"database_url": "ORDO_DATABASE_URL", "secret_key": "ORDO_SECRET_KEY"}


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
                              (str(config_file), from_file.get(key))):
            if value:
                values[key], origin[key] = value, source
                break
    if "database_url" not in values:
        values["database_url"], origin["database_url"] = f"sqlite:///{home / 'ordo.db'}", "default"
    return Settings(home, config_file, values["database_url"], values.get("secret_key"), origin)


def read_config(path: Path) -> dict[str, str]:
    """The keys of a config file (TOML): only those of CONFIG_KEYS, each a non-empty string."""
    try:
        document = tomllib.loads(path.read_text())
    except OSError as error:
        raise ConfigError(f"config file {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path}: {error}") from error
    unknown = sorted(set(document) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(unknown)}; "
                          f"known: {', '.join(CONFIG_KEYS)}")
    for key, value in document.items():
        if not isinstance(value, str) or not value:
            raise ConfigError(f"config file {path}: {key} must be a non-empty string")
    return document


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None
