"""``ordo db``: the database schema."""
from __future__ import annotations

import click

from api.cli.support import CliContext, pass_ordo


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@pass_ordo
def db_upgrade(ordo: CliContext) -> None:
    """Create or migrate the schema to the current head (writes no audit entry, so it needs no Ordo user)."""
    from engine.store.migrate import head_revisions, upgrade

    engine = ordo.runtime(migrated=False).engine
    upgrade(engine)
    click.echo(f"database {engine.url.render_as_string(hide_password=True)} at {', '.join(head_revisions())}")
