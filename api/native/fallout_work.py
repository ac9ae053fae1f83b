"""Reassigning a fallout record and its work notes, kept in the record's ``details`` (``assignee``,
``workNotes``) and in the audit log: no column of their own.

Managers reassign any open record to any group; an agent only records of its own groups, to its own groups.
An assignee must be a member of the record's (new) group."""
from __future__ import annotations

from sqlalchemy import select

from api.read.fallout import ASSIGNEE, NOTES, FalloutReassign
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout.records import OPEN
from engine.runtime.tasks.groups import Caller, check_member, groups_of
from engine.store.models import AssignmentGroup, FalloutRecord, GroupMember


def locked(uow: UnitOfWork, record_id: str, caller: Caller, doing: str) -> FalloutRecord:
    """The record, locked for the change (404; 403 for a caller outside its group)."""
    record = uow.session.get(FalloutRecord, record_id, with_for_update=True)
    if record is None:
        raise NotFound(f"no fallout record with id {record_id}")
    check_member(uow.session, caller, record.assignment_group, f"{doing} fallout {record_id}")
    return record


def reassign(uow: UnitOfWork, record_id: str, body: FalloutReassign, caller: Caller) -> FalloutRecord:
    """Move an open record to another group and/or person (audited ``fallout.reassigned``)."""
    record = locked(uow, record_id, caller, "reassign")
    if record.state != OPEN:
        raise Conflict(f"fallout {record_id} is already {record.state} ({record.resolution})", state=record.state)
    group = body.group or record.assignment_group
    _check_group(uow, caller, group, body.group is not None)
    assignee = body.assignee
    if assignee is None and group == record.assignment_group:
        assignee = (record.details or {}).get(ASSIGNEE)
    if assignee is not None and uow.session.get(GroupMember, (group, assignee)) is None:
        raise Invalid(f"{assignee!r} is not a member of assignment group {group!r}",
                      errors=[{"pointer": "/assignee", "message": f"not a member of {group!r}"}])
    previous = {"group": record.assignment_group, "assignee": (record.details or {}).get(ASSIGNEE)}
    record.assignment_group = group
    record.details = {**(record.details or {}), ASSIGNEE: assignee}
    uow.audit("fallout.reassigned", "fallout", record.id, {"from": previous["group"], "group": group,
                                                          "fromAssignee": previous["assignee"],
                                                          "assignee": assignee, "reason": body.reason.strip()})
    return record


def _check_group(uow: UnitOfWork, caller: Caller, group: str, named: bool) -> None:
    if named and uow.session.scalar(select(AssignmentGroup.key).where(AssignmentGroup.key == group)) is None:
        raise Invalid(f"no assignment group {group!r}", errors=[{"pointer": "/group", "message": "no such group"}])
    if named and not caller.unrestricted and group not in groups_of(uow.session, caller.username):
        raise Forbidden(f"{caller.username} is not a member of assignment group {group!r} and may not move "
                        f"fallout to it", group=group, user=caller.username)


def add_note(uow: UnitOfWork, record_id: str, text: str, caller: Caller) -> FalloutRecord:
    """Add a work note to a record, open or resolved (audited ``fallout.noted``)."""
    record = locked(uow, record_id, caller, "add a note to")
    note = {"at": uow.now.isoformat(), "author": caller.username, "text": text}
    record.details = {**(record.details or {}), NOTES: [*((record.details or {}).get(NOTES) or []), note]}
    uow.audit("fallout.noted", "fallout", record.id, {"author": caller.username})
    return record
