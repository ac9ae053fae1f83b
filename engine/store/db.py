"""Database engines and sessions for SQLite (embedded default) and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from engine.settings import resolve, sqlite_path
from engine.store.types import dumps

UNAVAILABLE = (exc.OperationalError, exc.InterfaceError, exc.DisconnectionError, exc.TimeoutError)
"""What a lost or unreachable database raises (connection refused or dropped, database locked, pool exhausted):
callers answer 503 or back off and retry; the pool reconnects by itself once the database is back."""
RETRY_AFTER_SECONDS = 5
"""How long a client is told to wait (``Retry-After``) while the database is unavailable."""
READ_ONLY = "ordo_read_only"
"""Connection execution option: on SQLite such a transaction only reads, so it takes no write lock."""


def default_database_url() -> str:
    """``ORDO_DATABASE_URL``, else ``database_url`` of ordo.toml, else SQLite in ORDO_HOME (engine.settings)."""
    url = resolve().database_url
    ensure_sqlite_folder(url)
    return url


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of an SQLite database file (SQLite creates the file, not its folder)."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None, *, replayable: bool = False, **kwargs) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout, foreign keys and ``BEGIN IMMEDIATE``.

    ``replayable`` (workers): every transaction completes a job atomically with its effects, so losing the
    last commits in a PostgreSQL crash only makes those jobs run again; commits then skip the WAL flush wait.
    An INSERT of many rows without RETURNING stays psycopg's pipelined executemany of one prepared statement:
    SQLAlchemy's multi-row VALUES text (``use_insertmanyvalues_wo_returning``) is new for every row count and
    psycopg parses each one again, which cost more CPU than the round trips it saved.
    """
    url = normalise_url(url or default_database_url())
    if url.startswith("sqlite"):
        engine = create_engine(url, json_serializer=dumps, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    if replayable:
        kwargs.setdefault("connect_args", {})["options"] = "-c synchronous_commit=off"
    return create_engine(url, json_serializer=dumps, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
