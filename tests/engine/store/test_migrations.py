import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from engine.store.db import normalise_url
from engine.store.migrate import NotMigrated, ensure_migrated, head_revisions, upgrade
from engine.store.models import Base
from tests.conftest import BACKEND, PG_URL


def test_there_is_a_single_alembic_head():
    assert len(head_revisions()) == 1


@pytest.fixture
def empty_engine(database_url, tmp_path):
    """A brand-new empty database on the backend under test."""
    if BACKEND != "postgresql":
        engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield engine
        engine.dispose()
        return
    name = f"ordo_empty_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(normalise_url(PG_URL.rsplit("/", 1)[0] + "/" + name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def test_upgrade_from_empty_creates_every_table_and_matches_the_models(empty_engine):
    with pytest.raises(NotMigrated, match="ordo db upgrade"):
        ensure_migrated(empty_engine)
    upgrade(empty_engine)
    ensure_migrated(empty_engine)
    assert set(Base.metadata.tables) <= set(inspect(empty_engine).get_table_names())
    with empty_engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_twice_is_harmless(empty_engine):
    upgrade(empty_engine)
    upgrade(empty_engine)
    ensure_migrated(empty_engine)
