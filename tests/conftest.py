"""Shared fixtures. The database backend is chosen by ORDO_TEST_BACKEND (sqlite, the default, or postgresql).

Tests that use the database (any test depending on ``database_url``) are marked ``db`` automatically, so
``make test`` runs the whole suite on SQLite and the ``db`` tests again on PostgreSQL.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.orm import selectinload
from sqlalchemy.pool import NullPool

from engine.clock import FakeClock
from engine.runtime.jobs.worker import Worker
from engine.runtime.service import Runtime
from engine.store.db import normalise_url
from engine.store.migrate import upgrade
from engine.store.models import ArtifactVersion, Base, RulePack, RulePackPin
from tests.spans import spans  # noqa: F401  (the in-memory span exporter fixture)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ORDO_SHARED_DIR") or ROOT.parent / "shared")  # data beside the project (worktrees: set it)
DEMO_PACK = ROOT / "rulepacks" / "telco-demo"
BACKEND = os.environ.get("ORDO_TEST_BACKEND", "sqlite")
_CONFIGURED_PG_URL = os.environ.get("ORDO_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, ... in a pytest-xdist worker (`pytest -n 2`)


def _worker_database_url(url: str, worker: str | None) -> str:
    """Under pytest-xdist each worker has its own PostgreSQL database: ``<configured name>_<worker>``."""
    if not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


PG_URL = _worker_database_url(_CONFIGURED_PG_URL, XDIST_WORKER)


# tests that create or list PostgreSQL databases: one xdist worker runs them all (`--dist loadgroup`), so that
# one's new database never shows up in the other's list of databases
_DATABASE_LISTING_MODULES = {ROOT / "tests" / "engine" / "store" / "test_migrations.py",
                             ROOT / "tests" / "bench" / "test_bench_scratch.py",
                             ROOT / "tests" / "security" / "test_database_loss.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "database_url" in item.fixturenames:
            item.add_marker(pytest.mark.db)
        if item.path in _DATABASE_LISTING_MODULES:
            item.add_marker(pytest.mark.xdist_group("postgresql_databases"))


def pytest_report_header(config):
    return f"ordo database backend: {BACKEND}" + (f" ({PG_URL})" if BACKEND == "postgresql" else "")


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory):
    """SQLite: a migrated template file. PostgreSQL: the test database (one per xdist worker), reset and migrated once."""
    if BACKEND == "postgresql":
        _create_worker_database()
        engine = create_engine(normalise_url(PG_URL))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
            connection.execute(text(f"DROP SCHEMA IF EXISTS {_SNAPSHOT_SCHEMA} CASCADE"))
        upgrade(engine)
        engine.dispose()
        return PG_URL
    template = tmp_path_factory.mktemp("db") / "template.db"
    engine = create_engine(f"sqlite:///{template}")
    upgrade(engine)
    engine.dispose()
    return template


def _create_worker_database() -> None:
    """Under xdist: create this worker's database beside the configured one when missing.

    Its commits do not wait for the WAL flush (``synchronous_commit = off``, a setting of this throw-away test
    database only): a crash may lose the last commits, never consistency, and the tests never crash the server.
    """
    if PG_URL == _CONFIGURED_PG_URL:
        return
    name = make_url(PG_URL).database
    admin = create_engine(normalise_url(_CONFIGURED_PG_URL), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    admin.dispose()


@pytest.fixture
def database_url(_migrated_database, _postgresql_reset, tmp_path):
    """A migrated, empty database for this test."""
    if BACKEND == "postgresql":
        _postgresql_reset.reset()
        return PG_URL
    path = tmp_path / "ordo.db"
    shutil.copy(_migrated_database, path)
    return f"sqlite:///{path}"


_SNAPSHOT_SCHEMA = "ordo_test_snapshot"  # PostgreSQL: the demo pack's rows, copied once per session
_EMPTY_AUDIT_HASH = "0" * 64


class _PostgresqlReset:
    """Empties the PostgreSQL test database between tests, as ``TRUNCATE <every table> RESTART IDENTITY`` would.

    TRUNCATE of every table costs about a second (each table and index gets a new file); a test writes to a
    few tables only, so those that hold rows are found with one query and emptied with DELETE (children first),
    and every sequence that was used restarts. Then the ``audit_head`` row is put back, as the migration left it.
    """

    def __init__(self, url: str):
        self.engine = create_engine(normalise_url(url), poolclass=NullPool)
        self.tables = [table.name for table in Base.metadata.sorted_tables]
        self._with_rows = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM {name})"
                                             for name in self.tables)

    def tables_with_rows(self, connection) -> set[str]:
        return set(connection.execute(text(self._with_rows)).scalars())

    @staticmethod
    def used_sequences(connection) -> dict[str, int]:
        return dict(connection.execute(text(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' "
            "AND last_value IS NOT NULL")).all())

    def reset(self) -> None:
        with self.engine.begin() as connection:
            self._empty(connection)
            connection.execute(text(f"INSERT INTO audit_head (id, last_hash) VALUES (1, '{_EMPTY_AUDIT_HASH}')"))

    def _empty(self, connection) -> None:
        with_rows = self.tables_with_rows(connection)
        for name in reversed(self.tables):
            if name in with_rows:
                connection.execute(text(f"DELETE FROM {name}"))
        for sequence in self.used_sequences(connection):
            connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))

    def dispose(self) -> None:
        self.engine.dispose()


@pytest.fixture(scope="session")
def _postgresql_reset(_migrated_database):
    if BACKEND != "postgresql":
        yield None
        return
    reset = _PostgresqlReset(PG_URL)
    yield reset
    reset.dispose()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def runtime(database_url, clock):
    ordo = Runtime.connect(database_url, clock)
    yield ordo
    ordo.engine.dispose()


class _DemoSnapshot:
    """The demo pack as imported and activated into an empty database, kept once per session (per xdist worker).

    The first ``demo_pack`` on an empty database imports the pack for real and keeps the rows it wrote (SQLite:
    a copy of the file; PostgreSQL: a copy of each table in a schema beside ``public``, and the sequences);
    each later one on an empty database with the clock at its start puts those same rows back (the same ids,
    timestamps and audit chain an import would write) instead of checking and importing the pack again. On a
    database that is not empty, or with the clock moved, the pack is imported as before.
    """

    def __init__(self, folder: Path, postgresql: _PostgresqlReset | None):
        self.file = folder / "demo.db"
        self.postgresql = postgresql
        self.pack_id: int | None = None
        self.tables: list[str] = []
        self.sequences: dict[str, int] = {}

    def _engine(self, url: str):
        if self.postgresql is not None:
            return self.postgresql.engine
        return create_engine(normalise_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def _tables_with_rows(self, connection) -> set[str]:
        return set(connection.execute(text(" UNION ALL ".join(
            f"SELECT '{table.name}' WHERE EXISTS (SELECT 1 FROM {table.name})"
            for table in Base.metadata.sorted_tables))).scalars())

    def empty(self, url: str, clock) -> bool:
        """The database as ``database_url`` hands it over and the clock as the ``clock`` fixture starts."""
        if not isinstance(clock, FakeClock) or clock.now() != FakeClock().now():
            return False
        engine = self._engine(url)
        try:
            with engine.connect() as connection:
                if self._tables_with_rows(connection) != {"audit_head"}:
                    return False
                if connection.execute(text("SELECT id, last_hash FROM audit_head")).all() != \
                        [(1, _EMPTY_AUDIT_HASH)]:
                    return False
                if self.postgresql is not None:
                    return not self.postgresql.used_sequences(connection)
                return not (_has_sqlite_sequence(connection, "main")
                            and connection.execute(text("SELECT 1 FROM sqlite_sequence")).first())
        finally:
            if self.postgresql is None:
                engine.dispose()

    def take(self, url: str, pack_id: int) -> None:
        engine = self._engine(url)
        with engine.begin() as connection:
            tables = self._tables_with_rows(connection)
            self.tables = [table.name for table in Base.metadata.sorted_tables if table.name in tables]
            if self.postgresql is not None:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {_SNAPSHOT_SCHEMA} CASCADE"))
                connection.execute(text(f"CREATE SCHEMA {_SNAPSHOT_SCHEMA}"))
                for name in self.tables:
                    connection.execute(text(f"CREATE TABLE {_SNAPSHOT_SCHEMA}.{name} AS SELECT * FROM {name}"))
                self.sequences = self.postgresql.used_sequences(connection)
            else:
                connection.execute(text("VACUUM INTO :file"), {"file": str(self.file)})
        if self.postgresql is None:
            engine.dispose()
        self.pack_id = pack_id

    def restore(self, url: str) -> None:
        if self.postgresql is not None:
            with self.postgresql.engine.begin() as connection:
                connection.execute(text("DELETE FROM audit_head"))
                for name in self.tables:
                    connection.execute(text(f"INSERT INTO {name} SELECT * FROM {_SNAPSHOT_SCHEMA}.{name}"))
                for sequence, value in self.sequences.items():
                    connection.execute(text("SELECT setval(:sequence, :value)"),
                                       {"sequence": f'"{sequence}"', "value": value})
            return
        engine = self._engine(url)
        with engine.connect() as connection:
            connection.execute(text("ATTACH DATABASE :file AS snapshot"), {"file": str(self.file)})
            connection.execute(text("BEGIN IMMEDIATE"))
            connection.execute(text("DELETE FROM main.audit_head"))
            for name in self.tables:
                connection.execute(text(f"INSERT INTO main.{name} SELECT * FROM snapshot.{name}"))
            if _has_sqlite_sequence(connection, "snapshot"):
                connection.execute(text("INSERT INTO main.sqlite_sequence SELECT * FROM snapshot.sqlite_sequence"))
            connection.execute(text("COMMIT"))
            connection.execute(text("DETACH DATABASE snapshot"))
        engine.dispose()


def _has_sqlite_sequence(connection, schema: str) -> bool:
    return connection.execute(text(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'sqlite_sequence'")).first() \
        is not None


@pytest.fixture(scope="session")
def _demo_snapshot(tmp_path_factory, _postgresql_reset):
    return _DemoSnapshot(tmp_path_factory.mktemp("demo"), _postgresql_reset)


@pytest.fixture
def demo_pack(runtime, database_url, _demo_snapshot):
    """The demo rule pack (rulepacks/telco-demo), imported and active."""
    from studio.packs import activate, import_pack, read_pack_folder

    empty = _demo_snapshot.empty(database_url, runtime.clock)
    if empty and _demo_snapshot.pack_id is not None:
        _demo_snapshot.restore(database_url)
        with runtime.session_factory() as session:
            return session.execute(select(RulePack).where(RulePack.id == _demo_snapshot.pack_id).options(
                selectinload(RulePack.pins).selectinload(RulePackPin.artifact_version)
                .selectinload(ArtifactVersion.artifact))).scalar_one()
    with runtime.unit_of_work(actor="test") as uow:
        pack = import_pack(uow, read_pack_folder(DEMO_PACK))
        activate(uow, pack)
    if empty:
        _demo_snapshot.take(database_url, pack.id)
    return pack


@pytest.fixture
def worker(runtime):
    return Worker(runtime.session_factory, runtime.clock, worker_id="test-worker")


@pytest.fixture
def app(database_url, clock):
    """The API with ``AUTH_REQUIRED`` off: calls without credentials act as ``anonymous`` with every permission.

    No single role may do all that the functional tests do (publishing needs a processAdmin, approving an
    orderApprover), so they run open; authentication, roles and isolation are tested with ``secure_app``.
    """
    from api.app import create_app

    application = create_app({"TESTING": True, "DATABASE_URL": database_url, "AUTH_REQUIRED": False}, clock=clock)
    yield application
    application.extensions["ordo"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def secure_app(database_url, clock):
    """The API as in production: ``AUTH_REQUIRED`` on (the default)."""
    from api.app import create_app

    application = create_app({"TESTING": True, "DATABASE_URL": database_url}, clock=clock)
    yield application
    application.extensions["ordo"].engine.dispose()


@pytest.fixture
def secure_client(secure_app):
    return secure_app.test_client()


@dataclass
class AuthUser:
    username: str
    role: str
    party: str | None
    password: str
    token: str

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_user(runtime):
    """``make_user(username, role, party=None)``: a user with a password and an API token, as an ``AuthUser``."""
    from api.auth.tokens import create_token
    from api.auth.users import create_user

    def make(username: str, role: str, party: str | None = None, password: str = "correct horse") -> AuthUser:
        with runtime.unit_of_work(actor="test") as uow:
            _, token = create_token(uow, create_user(uow, username, role, party, password))
        return AuthUser(username, role, party, password, token)
    return make
