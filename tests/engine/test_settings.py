"""engine.settings: ORDO_HOME, the config file, the environment and flags, resolved once, in that precedence."""
from pathlib import Path

import pytest

from engine import settings
from engine.settings import ConfigError, resolve, sqlite_path


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def environ(home: Path, **more) -> dict:
    return {"ORDO_HOME": str(home), **more}


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    (home / "ordo.toml").write_text(text)
    return home / "ordo.toml"


def test_the_default_database_lives_in_ordo_home_not_in_the_working_directory(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    resolved = resolve(environ=environ(home))
    assert resolved.database_url == f"sqlite:///{home.resolve() / 'ordo.db'}"
    assert resolved.origin["database_url"] == "default" and resolved.secret_key is None


def test_without_ordo_home_a_source_checkout_keeps_its_var_folder():
    assert settings.is_source_checkout()
    assert settings.default_home({}) == settings.SOURCE_ROOT / "var"


def test_without_ordo_home_an_installed_ordo_uses_the_per_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "SOURCE_ROOT", tmp_path / "site-packages")
    assert settings.default_home({"XDG_DATA_HOME": str(tmp_path / "data")}) == (tmp_path / "data").resolve() / "ordo"
    assert settings.default_home({}) == Path.home() / ".local" / "share" / "ordo"


def test_precedence_is_flag_then_environment_then_config_file_then_default(home):
    config = write_config(home, 'database_url = "sqlite:////from/file.db"\nsecret_key = "file-secret"\n')
    from_file = resolve(environ=environ(home))
    assert (from_file.database_url, from_file.secret_key) == ("sqlite:////from/file.db", "file-secret")
    assert from_file.origin == {"database_url": str(config), "secret_key": str(config)}
    env = environ(home, ORDO_DATABASE_URL="postgresql://env/db", ORDO_SECRET_KEY="env-secret")
    from_env = resolve(environ=env)
    assert (from_env.database_url, from_env.secret_key) == ("postgresql://env/db", "env-secret")
    from_flag = resolve({"database_url": "postgresql://flag/db"}, environ=env)
    assert from_flag.database_url == "postgresql://flag/db" and from_flag.origin["database_url"] == "flag"


def test_a_config_file_can_be_named_by_flag_or_environment(home, tmp_path):
    named = tmp_path / "elsewhere.toml"
    named.write_text('database_url = "sqlite:////named.db"\n')
    assert resolve({"config": str(named)}, environ=environ(home)).database_url == "sqlite:////named.db"
    assert resolve(environ=environ(home, ORDO_CONFIG=str(named))).database_url == "sqlite:////named.db"
    with pytest.raises(ConfigError, match="missing.toml not found"):
        resolve({"config": str(tmp_path / "missing.toml")}, environ=environ(home))


@pytest.mark.parametrize("text, message", [
    ("database_url = ", "ordo.toml: "),
    ('databse_url = "x"\n', "unknown key(s) databse_url; known: database_url, secret_key"),
    ("secret_key = 42\n", "secret_key must be a non-empty string"),
    ('database_url = ""\n', "database_url must be a non-empty string"),
])
def test_a_bad_config_file_is_refused_with_what_is_wrong(home, text, message):
    write_config(home, text)
    with pytest.raises(ConfigError) as raised:
        resolve(environ=environ(home))
    assert message in str(raised.value) and str(home) in str(raised.value)


@pytest.mark.parametrize("url, path", [
    ("sqlite:////var/lib/ordo.db", Path("/var/lib/ordo.db")), ("sqlite:///relative.db", Path("relative.db")),
    ("sqlite://", None), ("sqlite:///:memory:", None), ("postgresql://h/db", None),
])
def test_sqlite_path(url, path):
    assert sqlite_path(url) == path
