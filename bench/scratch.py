"""Scratch databases for the benches: each bench creates its own and drops only that one.

    with scratch_database("sqlite") as url: ...                          # a file in a new temporary folder
    with scratch_database("postgresql", SERVER) as url: ...              # CREATE DATABASE ordo_bench_<random>

``SERVER`` is any database URL on the PostgreSQL server (default ``DEFAULT_SERVER``); the bench connects there
only to create and, at the end, drop its own randomly named database. No bench drops or wipes anything else.
"""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
PREFIX = "ordo_bench_"


def _psycopg(url: str) -> str:
    return "postgresql+psycopg://" + url.split("://", 1)[1] if url.startswith(("postgresql://", "postgres://")) \
        else url


@contextmanager
def scratch_database(backend: str, server: str = DEFAULT_SERVER) -> Iterator[str]:
    """The URL of a new, empty database that exists only inside the ``with`` block."""
    if backend == "sqlite":
        folder = tempfile.mkdtemp(prefix="ordo-bench-")
        try:
            yield f"sqlite:///{Path(folder) / 'ordo.db'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    name = PREFIX + secrets.token_hex(4)
    admin = create_engine(_psycopg(server), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def server_environment(database_url: str) -> dict[str, str]:
    """The environment for ``ordo`` subprocesses: this shell's without any ``ORDO_*`` setting, plus the
    database and a throwaway secret key, so a bench depends on nothing the caller happened to export."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDO_")}
    return {**env, "ORDO_DATABASE_URL": database_url, "ORDO_SECRET_KEY": secrets.token_hex(32),
            "PYTHONUNBUFFERED": "1"}
