"""Assignment groups and their members, as the groups screen shows them."""
from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.runtime.tasks import groups
from engine.store.models import AssignmentGroup, GroupMember

GROUP_KEY = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$"


class GroupView(Model):
    key: str
    name: str
    members: list[str] = Field(description="usernames, alphabetical")
    created_at: Timestamp


class MembershipView(Model):
    group: str
    username: str
    added: bool | None = Field(None, description="on PUT: false when the user already was a member")


class GroupQuery(ListQuery):
    sort: sort_by("key", "name", "createdAt") | None = None


class NewGroup(Model):
    key: str = Field(pattern=GROUP_KEY, description="what plans name in assignmentGroup")
    name: str | None = Field(None, min_length=1, max_length=200, pattern=r"\S")


SORTS = {"key": AssignmentGroup.key, "name": AssignmentGroup.name, "createdAt": AssignmentGroup.created_at}


def group_view(session: Session, group: AssignmentGroup) -> GroupView:
    return GroupView(key=group.key, name=group.name, members=groups.members_of(session, group.key),
                     created_at=group.created_at)


def group_page(session: Session, query: GroupQuery) -> Page[GroupView]:
    """A page of groups with their members (members read in one query for the page)."""
    column = SORTS[query.sort_key or "key"]
    order = (query.ordered(column), AssignmentGroup.key)
    rows = session.execute(select(AssignmentGroup).order_by(*order).offset(query.offset).limit(query.limit)
                           ).scalars().all()
    members: dict[str, list[str]] = {}
    for key, username in session.execute(select(GroupMember.group_key, GroupMember.username)
                                         .where(GroupMember.group_key.in_([g.key for g in rows]))
                                         .order_by(GroupMember.username)):
        members.setdefault(key, []).append(username)
    total = session.scalar(select(func.count()).select_from(AssignmentGroup))
    return Page([GroupView(key=g.key, name=g.name, members=members.get(g.key, []), created_at=g.created_at)
                 for g in rows], total)
