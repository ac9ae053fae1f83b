"""``ordo user``: users, roles and API tokens (setup commands)."""
from __future__ import annotations

import sys

import click

from api.cli.group import staff_demo_groups
from api.cli.support import CliContext, pass_ordo


@click.group()
def user() -> None:
    """Users, roles and API tokens."""


def _new_password() -> str:
    import secrets

    return secrets.token_urlsafe(12)


@user.command("add")
@click.argument("username")
@click.option("--role", required=True, help="One of the roles of api/roles.py.")
@click.option("--party", "party_id", help="The customer's party id (created when new); customers only.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (else one is made).")
@pass_ordo
def user_add(ordo: CliContext, username: str, role: str, party_id: str | None, password_stdin: bool) -> None:
    """Add a user; without --password-stdin a random password is printed once. A setup command."""
    from api.auth.users import create_user

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else _new_password()
    with ordo.setting_up() as uow:
        create_user(uow, username, role, party_id, password)
    click.echo(f"user {username} ({role}{', party ' + party_id if party_id else ''}) added")
    if not password_stdin:
        click.echo(f"password: {password}")


@user.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (else one is made).")
@pass_ordo
def user_password(ordo: CliContext, username: str, password_stdin: bool) -> None:
    """Set USERNAME's password (e.g. a demo user's, whose password `make run` printed only the first time);
    without --password-stdin a random one is printed once. A setup command."""
    from api.auth.users import find_user, set_password

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else _new_password()
    with ordo.setting_up() as uow:
        found = find_user(uow.session, username)
        if found is None:
            raise click.ClickException(f"no user {username!r}")
        set_password(uow, found, password)
    click.echo(f"password of {username} set; their web sessions ended")
    if not password_stdin:
        click.echo(f"password: {password}")


@user.command("role")
@click.argument("username")
@click.argument("role")
@pass_ordo
def user_role(ordo: CliContext, username: str, role: str) -> None:
    """Give USERNAME another ROLE (one of api/roles.py); their web sessions end. A setup command."""
    from api.auth.users import find_user, set_role

    with ordo.setting_up() as uow:
        found = find_user(uow.session, username)
        if found is None:
            raise click.ClickException(f"no user {username!r}")
        set_role(uow, found, role)
    click.echo(f"role of {username} set to {role}; their web sessions ended")


@user.command("token")
@click.argument("username")
@click.option("--name", default="cli", show_default=True, help="A label for the token.")
@pass_ordo
def user_token(ordo: CliContext, username: str, name: str) -> None:
    """Create a bearer API token for USERNAME and print it (it is shown only this once). A setup command."""
    from api.auth.tokens import create_token
    from api.auth.users import find_user

    with ordo.setting_up() as uow:
        found = find_user(uow.session, username)
        if found is None:
            raise click.ClickException(f"no user {username!r}")
        _, token = create_token(uow, found, name)
    click.echo(token)


@user.command("list")
@pass_ordo
def user_list(ordo: CliContext) -> None:
    """Every user with role, party and live token count."""
    from api.auth.tokens import list_tokens
    from api.auth.users import list_users

    with ordo.reading() as session:
        for found in list_users(session):
            live = sum(t.revoked_at is None for t in list_tokens(session, found))
            click.echo(f"{found.username}\t{found.role}\t{found.party_id or '-'}\t"
                       f"{'active' if found.active else 'disabled'}\t{live} token(s)")


DEMO_PARTY = ("cust-0042", "Jane Example")


@user.command("demo")
@pass_ordo
def user_demo(ordo: CliContext) -> None:
    """One demo user per role (named after it), with random passwords printed once; existing ones are kept.
    The demo agents join every assignment group of the active pack's plans, and the fallout agent every group a
    fallout record can get (api.cli.group.staff_demo_groups).
    A setup command."""
    from api.auth.users import create_user, find_user
    from api.roles import CUSTOMER, ROLES

    created = []
    with ordo.setting_up() as uow:
        for role in ROLES:
            if find_user(uow.session, role) is None:
                party = DEMO_PARTY if role == CUSTOMER else (None, None)
                password = _new_password()
                create_user(uow, role, role, party[0], password, party_name=party[1])
                created.append((role, password))
        staffed = staff_demo_groups(uow)
    for username, password in created:
        click.echo(f"{username}\t{password}")
    click.echo(f"{len(created)} demo user(s) created, {len(ROLES) - len(created)} already there")
    if staffed:
        click.echo(f"{len(staffed)} assignment group membership(s) added for the demo agents")
