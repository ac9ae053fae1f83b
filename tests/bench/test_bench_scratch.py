"""The benches make their own scratch database, drop only that, and need no environment variables."""
import importlib.util
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from engine.store.db import normalise_url
from tests.conftest import BACKEND, PG_URL

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_scratch():
    spec = importlib.util.spec_from_file_location("bench_scratch", BENCH / "scratch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scratch = load_scratch()


def test_the_sqlite_scratch_file_lives_in_its_own_folder_removed_afterwards():
    with scratch.scratch_database("sqlite") as url:
        folder = Path(url.removeprefix("sqlite:///")).parent
        with create_engine(url).begin() as connection:
            connection.execute(text("CREATE TABLE t (x int)"))
        assert folder.name.startswith("ordo-bench-") and (folder / "ordo.db").exists()
    assert not folder.exists()


def test_ordo_processes_get_a_secret_key_and_none_of_the_callers_ordo_settings(monkeypatch):
    monkeypatch.setenv("ORDO_TOKEN", "someone-elses-token")
    monkeypatch.setenv("ORDO_AS", "someone-else")
    monkeypatch.delenv("ORDO_SECRET_KEY", raising=False)
    env = scratch.server_environment("sqlite:///x.db")
    assert {key for key in env if key.startswith("ORDO_")} == {"ORDO_DATABASE_URL", "ORDO_SECRET_KEY"}
    assert env["ORDO_DATABASE_URL"] == "sqlite:///x.db" and len(env["ORDO_SECRET_KEY"]) == 64
    assert env["PATH"]


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py") if p.name != "scratch.py"))
def test_no_bench_drops_wipes_or_reads_the_environment_itself(script):
    source = (BENCH / script).read_text()
    assert not re.search(r"\b(DROP|TRUNCATE)\b|DELETE FROM", source, re.IGNORECASE)
    assert "os.environ" not in source and "getenv" not in source


def test_every_bench_is_documented_in_the_readme():
    readme = (BENCH / "README.md").read_text()
    for script in BENCH.glob("*.py"):
        if script.name != "scratch.py":
            assert f".venv/bin/python bench/{script.name}" in readme, script.name


@pytest.mark.db
@pytest.mark.skipif(BACKEND != "postgresql", reason="needs the PostgreSQL server (ORDO_TEST_BACKEND=postgresql)")
def test_the_postgresql_scratch_database_is_new_and_the_only_one_dropped():
    server = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")

    def databases() -> set[str]:
        with server.connect() as connection:
            return set(connection.execute(text("SELECT datname FROM pg_database")).scalars())

    before = databases()
    with scratch.scratch_database("postgresql", PG_URL) as url:
        name = url.rsplit("/", 1)[1]
        assert name.startswith("ordo_bench_") and name not in before and name in databases()
        engine = create_engine(normalise_url(url))
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x int)"))
        engine.dispose()
    assert databases() == before
    server.dispose()
