"""The ``ordo`` command: the root group and its options; each command group lives in its own module."""
from __future__ import annotations

import click

from api.cli import audit, backup, config, db, group, imports, order, pack, serve, table, user
from api.cli.support import CliContext, OrdoGroup
from api.demo.command import demo
from engine.settings import resolve, use


@click.group(cls=OrdoGroup)
@click.option("--database-url", metavar="URL", help="The database (default: $ORDO_DATABASE_URL, else database_url "
                                                    "of the config file, else SQLite $ORDO_HOME/ordo.db).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), envvar="ORDO_CONFIG",
              help="Config file (TOML; default: $ORDO_HOME/ordo.toml when it exists).")
@click.option("--as", "acting_as", metavar="USER", envvar="ORDO_AS",
              help="The Ordo user to act and be audited as (default: the user named like the OS user).")
@click.pass_context
def main(ctx: click.Context, database_url: str | None, config_file: str | None, acting_as: str | None) -> None:
    """Ordo: order management driven by versioned rule packs."""
    settings = resolve({"database_url": database_url, "config": config_file})
    use(settings)
    ctx.call_on_close(lambda: use(None))
    ctx.obj = CliContext(settings, acting_as)


for command in (config.show_config, serve.serve, serve.worker, db.db, pack.pack, table.table, order.order,
                user.user, audit.audit, demo, group.group, imports.import_orders, backup.backup):
    main.add_command(command)
