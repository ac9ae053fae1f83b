"""Assignment groups API: the teams that work task queues, and their members (process admins manage them)."""
from __future__ import annotations

from flask import Blueprint

from api.native.workspace import body
from api.permissions import actor, requires
from api.runtime import runtime
from engine.clock import iso
from engine.errors import NotFound
from engine.runtime.tasks import groups

bp = Blueprint("groups", __name__, url_prefix="/api/v1")


def serialize_group(session, group) -> dict:
    return {"key": group.key, "name": group.name, "members": groups.members_of(session, group.key),
            "createdAt": iso(group.created_at)}


@bp.get("/groups")
@requires("group.read")
def list_groups():
    """Every assignment group with its members."""
    with runtime().reading() as session:
        return {"groups": [serialize_group(session, group) for group in groups.list_groups(session)]}


@bp.post("/groups")
@requires("group.manage")
def create_group():
    """Add an assignment group (``key`` as plans name it in ``assignmentGroup``, optional ``name``)."""
    data = body()
    with runtime().unit_of_work(actor()) as uow:
        group = groups.create_group(uow, data.get("key"), data.get("name"))
        return serialize_group(uow.session, group), 201


@bp.get("/groups/<key>")
@requires("group.read")
def get_group(key: str):
    """One assignment group with its members."""
    with runtime().reading() as session:
        return serialize_group(session, groups.find_group(session, key))


@bp.get("/groups/<key>/members/<username>")
@requires("group.read")
def get_member(key: str, username: str):
    """Whether a user is a member of the group (404 when not)."""
    with runtime().reading() as session:
        if username not in groups.members_of(session, groups.find_group(session, key).key):
            raise NotFound(f"{username!r} is not a member of assignment group {key!r}")
        return {"group": key, "username": username}


@bp.put("/groups/<key>/members/<username>")
@requires("group.manage")
def put_member(key: str, username: str):
    """Make a user a member of the group (nothing changes when it already is one)."""
    with runtime().unit_of_work(actor()) as uow:
        added = groups.add_member(uow, key, username)
        return {"group": key, "username": username, "added": added}


@bp.delete("/groups/<key>/members/<username>")
@requires("group.manage")
def delete_member(key: str, username: str):
    """End a user's membership of the group."""
    with runtime().unit_of_work(actor()) as uow:
        groups.remove_member(uow, key, username)
    return "", 204

