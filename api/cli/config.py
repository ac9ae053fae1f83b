"""``ordo config``: where Ordo keeps its data and where each setting came from."""
from __future__ import annotations

import click

from api.cli.support import CliContext, pass_ordo

SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD")


@click.command("config")
@click.option("--variables", is_flag=True, help="List every setting: its variable, its config-file key, what it does.")
@pass_ordo
def show_config(ordo: CliContext, variables: bool) -> None:
    """Where Ordo keeps its data and where each setting came from."""
    from sqlalchemy.engine import make_url

    from engine.settings import FILE_KEYS, VARIABLES, variable

    if variables:
        keys = {name: key for key, name in FILE_KEYS.items()}
        for name, meaning in VARIABLES.items():
            click.echo(f"{name}\t{keys.get(name, '(environment only)')}\t{meaning}")
        return

    settings = ordo.settings
    click.echo(f"home\t{settings.home}")
    click.echo(f"config file\t{settings.config_file}" + ("" if settings.config_file.is_file() else " (none)"))
    click.echo(f"database_url\t{make_url(settings.database_url).render_as_string(hide_password=True)}"
               f"\t({settings.origin['database_url']})")
    click.echo("secret_key\t" + (f"set ({settings.origin['secret_key']})" if settings.secret_key else "not set"))
    for name, value in sorted(settings.from_file.items()):
        if name not in ("ORDO_DATABASE_URL", "ORDO_SECRET_KEY"):
            effective = variable(name)
            shown = "set" if any(word in name for word in SECRET_WORDS) else effective
            source = settings.config_file if effective == value else "environment, over the config file"
            click.echo(f"{name}\t{shown}\t({source})")
