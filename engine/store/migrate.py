"""Alembic glue: upgrade to head, and tell whether a database is at head."""
from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from engine.shipped import shipped

MIGRATIONS = shipped("migrations")


class NotMigrated(RuntimeError):
    """The database schema is not at the code's Alembic head."""


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the head revision."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def head_revisions() -> tuple[str, ...]:
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        return tuple(MigrationContext.configure(connection).get_current_heads())


def ensure_migrated(engine: Engine) -> None:
    """Raise NotMigrated, saying what to run, unless the schema is at head."""
    current, heads = set(current_revisions(engine)), set(head_revisions())
    if current != heads:
        where = engine.url.render_as_string(hide_password=True)
        raise NotMigrated(f"the database {where} is at revision {sorted(current) or 'none'}, the code needs "
                          f"{sorted(heads)}: run `ordo db upgrade` first")
