"""Assignment groups and their members: who works which queue.

A task's ``assignment_group`` names a group's key; agents see and claim the tasks of their groups (and the
tasks no group owns). ``groups_of`` is the one question other modules ask (queues, claims, notifications).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.lifecycle.fallout import DEFAULT_FALLOUT
from engine.runtime.context import UnitOfWork
from engine.runtime.packs import active_pack, pack_view
from engine.store.models import AssignmentGroup, GroupMember, User

GROUP_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


@dataclass(frozen=True)
class Caller:
    """Who acts in the workspace. ``role`` is None when authentication is off (then nothing is narrowed);
    a ``manager`` oversees every group's queue and may claim any task."""

    username: str
    role: str | None = None
    manager: bool = False

    @property
    def unrestricted(self) -> bool:
        return self.role is None or self.manager


def groups_of(session: Session, username: str) -> set[str]:
    """The keys of the assignment groups ``username`` belongs to (empty for an unknown user)."""
    return set(session.execute(select(GroupMember.group_key).where(GroupMember.username == username)).scalars())


def members_of(session: Session, key: str) -> list[str]:
    """The usernames of a group's members, sorted."""
    return list(session.execute(select(GroupMember.username).where(GroupMember.group_key == key)
                                .order_by(GroupMember.username)).scalars())


def check_member(session: Session, caller: Caller, group: str | None, doing: str) -> None:
    """Refuse (403) a caller who is neither unrestricted nor a member of ``group`` (a task without a group
    is anyone's)."""
    if group is None or caller.unrestricted or group in groups_of(session, caller.username):
        return
    raise Forbidden(f"{caller.username} is not a member of assignment group {group!r} and may not {doing}",
                    group=group, user=caller.username)


def list_groups(session: Session) -> list[AssignmentGroup]:
    return list(session.execute(select(AssignmentGroup).order_by(AssignmentGroup.key)).scalars())


def find_group(session: Session, key: str) -> AssignmentGroup:
    group = session.get(AssignmentGroup, key)
    if group is None:
        raise NotFound(f"no assignment group {key!r}")
    return group


def create_group(uow: UnitOfWork, key: str, name: str | None = None) -> AssignmentGroup:
    """Add an assignment group; its key is what plans name in ``assignmentGroup``."""
    if not isinstance(key, str) or not GROUP_KEY.match(key):
        raise Invalid("a group key is 1-120 letters, digits, '.', '_' or '-', starting with a letter or digit",
                      errors=[{"pointer": "/key", "message": "invalid group key"}])
    if name is not None and (not isinstance(name, str) or not name.strip() or len(name) > 200):
        raise Invalid("a group name is a non-blank text of at most 200 characters",
                      errors=[{"pointer": "/name", "message": "invalid group name"}])
    if uow.session.get(AssignmentGroup, key) is not None:
        raise Conflict(f"assignment group {key!r} already exists")
    group = AssignmentGroup(key=key, name=(name or key).strip(), created_at=uow.now)
    try:
        with uow.session.begin_nested():  # created at the same moment elsewhere: the primary key decides
            uow.session.add(group)
    except IntegrityError as error:
        raise Conflict(f"assignment group {key!r} already exists") from error
    uow.audit("group.created", "group", key, {"name": group.name})
    return group


def add_member(uow: UnitOfWork, key: str, username: str) -> bool:
    """Make ``username`` a member of group ``key``; False when it already was (nothing changes)."""
    find_group(uow.session, key)
    if uow.session.execute(select(User.id).where(User.username == username)).first() is None:
        raise NotFound(f"no user {username!r}")
    if uow.session.get(GroupMember, (key, username)) is not None:
        return False
    try:
        with uow.session.begin_nested():  # a simultaneous add of the same membership: the primary key decides
            uow.session.add(GroupMember(group_key=key, username=username, added_at=uow.now))
    except IntegrityError:
        return False
    uow.audit("group.memberAdded", "group", key, {"username": username})
    return True


def remove_member(uow: UnitOfWork, key: str, username: str) -> None:
    """End ``username``'s membership of group ``key`` (404 when there is none)."""
    find_group(uow.session, key)
    member = uow.session.get(GroupMember, (key, username))
    if member is None:
        raise NotFound(f"{username!r} is not a member of assignment group {key!r}")
    uow.session.delete(member)
    uow.session.flush()
    uow.audit("group.memberRemoved", "group", key, {"username": username})


def plan_groups(session: Session) -> set[str]:
    """Every assignment group a task of the active pack can be in: the groups its orchestration plans name
    (tasks and compensation tasks) and those its jeopardy rules reassign tasks to."""
    view = pack_view(session, active_pack(session).id)
    named = set()
    for pinned in view.artifacts.values():
        body = pinned.document.get("body") or {}
        if pinned.kind == "orchestration_plan":
            named |= {task.get("assignmentGroup") for task in [*body.get("tasks", []),
                                                                *body.get("compensationTasks", [])]
                      if isinstance(task, dict)}
        elif pinned.kind == "jeopardy_rules":
            named |= {action.get("params", {}).get("assignmentGroup") for rule in body.get("rules", [])
                      for action in rule.get("then", []) if action.get("action") == "reassign"}
    return {key for key in named if isinstance(key, str)}


def fallout_groups(session: Session) -> set[str]:
    """Every assignment group a fallout record of the active pack can get: the default record's group (also
    the watchdog's ``stuck`` records') and the groups its fallout rules give records (``createFallout``,
    ``reassign``). A field reference counts for the values it can take: ``task.assignmentGroup`` the plans'
    groups, ``domainOrder.fulfilmentSystem`` the decomposition's fulfilment systems; others are not known
    ahead."""
    view = pack_view(session, active_pack(session).id)
    bodies = [(pinned.kind, pinned.document.get("body") or {}) for pinned in view.artifacts.values()]
    referenced = {"task.assignmentGroup": plan_groups(session),
                  "domainOrder.fulfilmentSystem": {system.get("id") for kind, body in bodies
                                                   if kind == "decomposition_rules"
                                                   for system in body.get("fulfilmentSystems") or []
                                                   if isinstance(system, dict)}}
    named = {DEFAULT_FALLOUT["assignmentGroup"]}
    for kind, body in bodies:
        if kind != "fallout_rules":
            continue
        for action in (action for rule in body.get("rules") or [] for action in rule.get("then") or []):
            target = (action.get("params") or {}).get("assignmentGroup")
            if action.get("action") not in ("createFallout", "reassign") or target is None:
                continue
            named |= referenced.get(target.get("$m"), set()) if isinstance(target, dict) else {target}
    return {key for key in named if isinstance(key, str) and GROUP_KEY.match(key)}


def staff_groups(uow: UnitOfWork, keys: set[str], usernames: list[str]) -> list[tuple[str, str]]:
    """Create the groups ``keys`` that do not exist and make every user of ``usernames`` a member of each;
    returns the memberships added."""
    added = []
    for key in sorted(keys):
        if uow.session.get(AssignmentGroup, key) is None:
            create_group(uow, key)
        added += [(key, username) for username in usernames if add_member(uow, key, username)]
    return added
