"""``ordo config``: where Ordo keeps its data and where each setting came from."""
from __future__ import annotations

import click

from api.cli.support import CliContext, pass_ordo


@click.command("config")
@pass_ordo
def show_config(ordo: CliContext) -> None:
    """Where Ordo keeps its data and where each setting came from."""
    from sqlalchemy.engine import make_url

    settings = ordo.settings
    click.echo(f"home\t{settings.home}")
    click.echo(f"config file\t{settings.config_file}" + ("" if settings.config_file.is_file() else " (none)"))
    click.echo(f"database_url\t{make_url(settings.database_url).render_as_string(hide_password=True)}"
               f"\t({settings.origin['database_url']})")
    click.echo("secret_key\t" + (f"set ({settings.origin['secret_key']})" if settings.secret_key else "not set"))
