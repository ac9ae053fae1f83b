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
from sqlalchemy import create_engine, text

from engine.clock import FakeClock
from engine.runtime.jobs.worker import Worker
from engine.runtime.service import Runtime
from engine.store.db import normalise_url
from engine.store.migrate import upgrade
from engine.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ORDO_SHARED_DIR") or ROOT.parent / "shared")  # data beside the project (worktrees: set it)
DEMO_PACK = ROOT / "rulepacks" / "telco-demo"
BACKEND = os.environ.get("ORDO_TEST_BACKEND", "sqlite")
PG_URL = os.environ.get("ORDO_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "database_url" in item.fixturenames:
            item.add_marker(pytest.mark.db)


def pytest_report_header(config):
    return f"ordo database backend: {BACKEND}" + (f" ({PG_URL})" if BACKEND == "postgresql" else "")


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory):
    """SQLite: a migrated template file. PostgreSQL: the test database, reset and migrated once."""
    if BACKEND == "postgresql":
        engine = create_engine(normalise_url(PG_URL))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        upgrade(engine)
        engine.dispose()
        return PG_URL
    template = tmp_path_factory.mktemp("db") / "template.db"
    engine = create_engine(f"sqlite:///{template}")
    upgrade(engine)
    engine.dispose()
    return template


@pytest.fixture
def database_url(_migrated_database, tmp_path):
    """A migrated, empty database for this test."""
    if BACKEND == "postgresql":
        _truncate_all(PG_URL)
        return PG_URL
    path = tmp_path / "ordo.db"
    shutil.copy(_migrated_database, path)
    return f"sqlite:///{path}"


def _truncate_all(url: str) -> None:
    engine = create_engine(normalise_url(url))
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text(f"INSERT INTO audit_head (id, last_hash) VALUES (1, '{'0' * 64}')"))
    engine.dispose()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def runtime(database_url, clock):
    ordo = Runtime.connect(database_url, clock)
    yield ordo
    ordo.engine.dispose()


@pytest.fixture
def demo_pack(runtime):
    from studio.packs import activate, import_pack, read_pack_folder

    with runtime.unit_of_work(actor="test") as uow:
        pack = import_pack(uow, read_pack_folder(DEMO_PACK))
        activate(uow, pack)
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
