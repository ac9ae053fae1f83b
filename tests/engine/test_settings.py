"""engine.settings: ORDO_HOME, the config file, the environment and flags, resolved once, in that precedence."""
import ast
from pathlib import Path

import pytest

from engine import settings
from engine.settings import VARIABLES, ConfigError, resolve, sqlite_path, variable


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
    ('databse_url = "x"\n', "unknown key(s) databse_url (did you mean database_url?)"),
    ('home = "/x"\n', "unknown key(s) home"),
    ("breaker_threshold = [5]\n", "breaker_threshold must be a non-empty string, a number or true/false"),
    ("secret_key = 42\n", "secret_key must be a non-empty string"),
    ('database_url = ""\n', "database_url must be a non-empty string"),
])
def test_a_bad_config_file_is_refused_with_what_is_wrong(home, text, message):
    write_config(home, text)
    with pytest.raises(ConfigError) as raised:
        resolve(environ=environ(home))
    assert message in str(raised.value) and str(home) in str(raised.value)


def test_the_config_file_sets_any_setting_and_the_environment_wins(home, monkeypatch):
    write_config(home, 'metrics_token = "from-file"\nbreaker_threshold = 7\nsmtp_starttls = true\n'
                       'stream_max_connections = 9\n')
    resolved = resolve(environ=environ(home))
    assert resolved.from_file == {"ORDO_METRICS_TOKEN": "from-file", "ORDO_BREAKER_THRESHOLD": "7",
                                  "ORDO_SMTP_STARTTLS": "1", "ORDO_STREAM_MAX_CONNECTIONS": "9"}
    monkeypatch.delenv("ORDO_METRICS_TOKEN", raising=False)
    monkeypatch.delenv("ORDO_STREAM_MAX_CONNECTIONS", raising=False)
    monkeypatch.setenv("ORDO_BREAKER_THRESHOLD", "3")
    try:
        settings.use(resolved)
        assert variable("ORDO_METRICS_TOKEN") == "from-file"
        assert variable("ORDO_BREAKER_THRESHOLD") == "3"
        assert settings.app_config({})["STREAM_MAX_CONNECTIONS"] == "9"
        assert settings.app_config({"ORDO_STREAM_MAX_CONNECTIONS": "2"})["STREAM_MAX_CONNECTIONS"] == "2"
    finally:
        settings.use(None)
    assert variable("ORDO_METRICS_TOKEN") is None and "STREAM_MAX_CONNECTIONS" not in settings.app_config({})


def test_every_setting_but_home_and_config_has_a_config_file_key():
    assert set(settings.FILE_KEYS.values()) == set(VARIABLES) - {"ORDO_HOME", "ORDO_CONFIG"}
    assert settings.FILE_KEYS["metrics_token"] == "ORDO_METRICS_TOKEN"


@pytest.mark.parametrize("url, path", [
    ("sqlite:////var/lib/ordo.db", Path("/var/lib/ordo.db")), ("sqlite:///relative.db", Path("relative.db")),
    ("sqlite://", None), ("sqlite:///:memory:", None), ("postgresql://h/db", None),
])
def test_sqlite_path(url, path):
    assert sqlite_path(url) == path


# ---- the environment is read in one place ----

def _reads_environment(tree: ast.AST) -> list[int]:
    """Lines that read the process environment: os.environ, os.getenv, or importing environ / getenv from os."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb") and \
                isinstance(node.value, ast.Name) and node.value.id == "os":
            found.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and node.module == "os" and \
                {a.name for a in node.names} & {"environ", "getenv", "environb"}:
            found.append(node.lineno)
    return found


def test_only_engine_settings_reads_the_environment():
    root = Path(__file__).resolve().parents[2]
    readers = {str(path.relative_to(root)): lines for folder in ("engine", "api", "studio")
               for path in sorted((root / folder).rglob("*.py"))
               if (lines := _reads_environment(ast.parse(path.read_text())))}
    assert readers == {"engine/settings.py": readers.get("engine/settings.py")} and readers["engine/settings.py"]


def test_the_checker_sees_each_way_of_reading_the_environment():
    for code in ("import os\nos.environ.get('X')", "import os\nos.getenv('X')", "from os import environ",
                 "from os import getenv as g"):
        assert _reads_environment(ast.parse(code)), code
    assert _reads_environment(ast.parse("import os\nos.path.join('a')")) == []


def test_a_variable_is_read_at_call_time_and_an_unlisted_one_is_refused(monkeypatch):
    monkeypatch.setenv("ORDO_BREAKER_THRESHOLD", "7")
    assert variable("ORDO_BREAKER_THRESHOLD") == "7"
    monkeypatch.setenv("ORDO_BREAKER_THRESHOLD", "")
    assert variable("ORDO_BREAKER_THRESHOLD", "5") == "5"
    with pytest.raises(KeyError, match="ORDO_NOT_A_SETTING is not an Ordo setting"):
        variable("ORDO_NOT_A_SETTING")


def test_every_variable_is_listed_and_documented():
    from api.cli import main

    root = Path(__file__).resolve().parents[2]
    envvars = {param.envvar for command in [main, *main.commands.values()]
               for sub in [command, *getattr(command, "commands", {}).values()] for param in sub.params
               if isinstance(param.envvar, str)}
    assert envvars and envvars <= set(VARIABLES)
    readme = (root / "README.md").read_text()
    assert [name for name in VARIABLES if name not in readme] == []
