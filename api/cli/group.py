"""``ordo group``: assignment groups and their members; and the demo agents' memberships."""
from __future__ import annotations

import click

from api.cli.support import CliContext, pass_ordo


def agent_roles() -> list[str]:
    """The roles whose queues are narrowed to their groups: they work tasks but do not assign them."""
    from api.roles import MATRIX, ROLES

    return [role for role in ROLES if "task.work" in MATRIX[role] and "task.assign" not in MATRIX[role]]


def fallout_agent_roles() -> list[str]:
    """The roles whose fallout queues are narrowed to their groups: they work fallout but assign no task."""
    from api.roles import MATRIX, ROLES

    return [role for role in ROLES if "fallout.work" in MATRIX[role] and "task.assign" not in MATRIX[role]]


def staff_demo_groups(uow) -> list[tuple[str, str]]:
    """Put the demo agent users (named after their roles) into every assignment group the active pack's plans
    name, and the demo fallout agents into every group a fallout record can get, creating the groups that do
    not exist; returns the memberships added (none without an active pack)."""
    from api.auth.users import find_user
    from engine.runtime.packs import NoActivePack
    from engine.runtime.tasks.groups import fallout_groups, plan_groups, staff_groups

    try:
        keys, fallout_keys = plan_groups(uow.session), fallout_groups(uow.session)
    except NoActivePack:
        return []

    def present(roles: list[str]) -> list[str]:
        return [role for role in roles if find_user(uow.session, role) is not None]
    return (staff_groups(uow, keys, present(agent_roles()))
            + staff_groups(uow, fallout_keys, present(fallout_agent_roles())))


@click.group("group")
def group() -> None:
    """Assignment groups: the teams that work task queues, and their members."""


@group.command("add")
@click.argument("key")
@click.option("--name", help="A readable name (default: the key).")
@pass_ordo
def group_add(ordo: CliContext, key: str, name: str | None) -> None:
    """Add the assignment group KEY (as plans name it in assignmentGroup)."""
    from engine.runtime.tasks.groups import create_group

    with ordo.changing("group.manage") as uow:
        create_group(uow, key, name)
    click.echo(f"group {key} added")


@group.command("list")
@pass_ordo
def group_list(ordo: CliContext) -> None:
    """Every assignment group with its members."""
    from engine.runtime.tasks.groups import list_groups, members_of

    with ordo.reading() as session:
        found = list_groups(session)
        for each in found:
            click.echo(f"{each.key}\t{each.name}\t{', '.join(members_of(session, each.key)) or '-'}")
    if not found:
        click.echo("no assignment groups (add one: ordo group add KEY)")


@group.group("member")
def member() -> None:
    """Members of an assignment group."""


@member.command("add")
@click.argument("key")
@click.argument("username")
@pass_ordo
def member_add(ordo: CliContext, key: str, username: str) -> None:
    """Make USERNAME a member of group KEY."""
    from engine.runtime.tasks.groups import add_member

    with ordo.changing("group.manage") as uow:
        added = add_member(uow, key, username)
    click.echo(f"{username} {'added to' if added else 'already a member of'} group {key}")


@member.command("remove")
@click.argument("key")
@click.argument("username")
@pass_ordo
def member_remove(ordo: CliContext, key: str, username: str) -> None:
    """End USERNAME's membership of group KEY."""
    from engine.runtime.tasks.groups import remove_member

    with ordo.changing("group.manage") as uow:
        remove_member(uow, key, username)
    click.echo(f"{username} removed from group {key}")
