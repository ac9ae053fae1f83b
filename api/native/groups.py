"""Assignment groups API: the teams that work task queues, and their members (process admins manage them)."""
from __future__ import annotations

from flask import Blueprint

from api.contract import endpoint
from api.permissions import actor, requires
from api.read.groups import GroupQuery, GroupView, MembershipView, NewGroup, group_page, group_view
from api.runtime import runtime
from engine.errors import NotFound
from engine.runtime.tasks import groups

bp = Blueprint("groups", __name__, url_prefix="/api/v1")


@bp.get("/groups")
@requires("group.read")
@endpoint(query=GroupQuery, response=list[GroupView], paged=True)
def list_groups(query: GroupQuery):
    """Assignment groups with their members."""
    with runtime().reading() as session:
        return group_page(session, query)


@bp.post("/groups")
@requires("group.manage")
@endpoint(body=NewGroup, response=GroupView, status=201, etag=True)
def create_group(body: NewGroup):
    """Add an assignment group (``key`` as plans name it in ``assignmentGroup``, optional ``name``)."""
    with runtime().unit_of_work(actor()) as uow:
        return group_view(uow.session, groups.create_group(uow, body.key, body.name))


@bp.get("/groups/<key>")
@requires("group.read")
@endpoint(response=GroupView, etag=True)
def get_group(key: str):
    """One assignment group with its members."""
    with runtime().reading() as session:
        return group_view(session, groups.find_group(session, key))


@bp.get("/groups/<key>/members/<username>")
@requires("group.read")
@endpoint(response=MembershipView)
def get_member(key: str, username: str):
    """Whether a user is a member of the group (404 when not)."""
    with runtime().reading() as session:
        if username not in groups.members_of(session, groups.find_group(session, key).key):
            raise NotFound(f"{username!r} is not a member of assignment group {key!r}")
        return MembershipView(group=key, username=username)


@bp.put("/groups/<key>/members/<username>")
@requires("group.manage")
@endpoint(response=MembershipView)
def put_member(key: str, username: str):
    """Make a user a member of the group (nothing changes when it already is one)."""
    with runtime().unit_of_work(actor()) as uow:
        return MembershipView(group=key, username=username, added=groups.add_member(uow, key, username))


@bp.delete("/groups/<key>/members/<username>")
@requires("group.manage")
@endpoint()
def delete_member(key: str, username: str):
    """End a user's membership of the group."""
    with runtime().unit_of_work(actor()) as uow:
        groups.remove_member(uow, key, username)
