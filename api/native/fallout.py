"""Fallout API: open records for fallout agents, their actions, and the manager view.

Fallout agents see and work the records of their assignment groups (and of no group); managers (who assign
tasks) and read-only roles such as the auditor see every group's records (``api.native.workspace.caller``)."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.native import fallout_work
from api.native.workspace import caller
from api.permissions import actor, requires
from api.read.fallout import (
    FalloutBulkRetry,
    FalloutBulkRetryResult,
    FalloutFix,
    FalloutNote,
    FalloutQuery,
    FalloutReason,
    FalloutReassign,
    FalloutRecordView,
    FalloutSummary,
    FalloutView,
    SummaryQuery,
    Viewer,
    fallout_page,
    fallout_record,
    fallout_summary,
    open_ids,
    record_detail,
)
from api.roles import allowed
from api.runtime import runtime
from engine.runtime.fallout import actions as fallout
from engine.runtime.tasks.groups import groups_of

bp = Blueprint("fallout", __name__, url_prefix="/api/v1/fallout")


@bp.get("")
@requires("fallout.read")
@endpoint(query=FalloutQuery, response=list[FalloutView], paged=True)
def list_fallout(query: FalloutQuery) -> Page[FalloutView]:
    """Fallout records (open ones unless ``state=resolved``), most urgent and oldest first; ``scope=mine``
    those assigned to the caller, ``scope=groups`` those of the caller's groups."""
    with runtime().reading() as session:
        return fallout_page(session, query, viewer(session), runtime().clock.now())


def viewer(session) -> Viewer:
    """The caller as the fallout queue sees it."""
    who = caller()
    return Viewer(who.username, _visible_groups(session), groups_of(session, who.username))


def _visible_groups(session) -> set[str] | None:
    """The groups whose records the caller sees: an agent's own (who works fallout but assigns no task);
    None (every group) for managers and read-only roles."""
    who = caller()
    if who.unrestricted or not allowed(who.role, "fallout.work"):
        return None
    return groups_of(session, who.username)


@bp.get("/summary")
@requires("fallout.read")
@endpoint(query=SummaryQuery, response=FalloutSummary)
def summary(query: SummaryQuery) -> FalloutSummary:
    """Open fallout counted by type, assignment group, priority and age (optionally for one type or group);
    an agent's counts cover its own groups."""
    now = runtime().clock.now()
    with runtime().reading() as session:
        return fallout_summary(session, query, _visible_groups(session), now)


@bp.get("/<record_id>")
@requires("fallout.read")
@endpoint(response=FalloutRecordView, etag=True)
def get_fallout(record_id: str) -> FalloutRecordView:
    """One fallout record with the failing request and answer, the retry history and the work notes (an agent
    sees those of its groups and of no group: another group's answers 403)."""
    with runtime().reading() as session:
        return fallout_record(session, record_id, _visible_groups(session), caller().username)


@bp.post("/<record_id>/retry")
@requires("fallout.work")
@endpoint(response=FalloutRecordView, etag=True)
def retry(record_id: str) -> FalloutRecordView:
    """Retry the record's task (or advance its stuck order again); the record after it."""
    with runtime().unit_of_work(actor()) as uow:
        return record_detail(uow.session, fallout.retry(uow, record_id, caller()))


@bp.post("/<record_id>/force-complete")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutRecordView, etag=True)
def force_complete(record_id: str, body: FalloutReason) -> FalloutRecordView:
    """Complete the task by hand (a reason is required); the record after it."""
    return _act_with_reason(fallout.force_complete, record_id, body)


@bp.post("/<record_id>/fix")
@requires("fallout.work")
@endpoint(body=FalloutFix, response=FalloutRecordView, etag=True)
def fix(record_id: str, body: FalloutFix) -> FalloutRecordView:
    """Merge-patch the task's params and/or its domain order's line characteristics, then retry the task."""
    with runtime().unit_of_work(actor()) as uow:
        return record_detail(uow.session, fallout.fix_and_resume(uow, record_id, body.params, body.lines,
                                                                 body.reason, caller()))


@bp.post("/<record_id>/fail-item")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutRecordView, etag=True)
def fail_item(record_id: str, body: FalloutReason) -> FalloutRecordView:
    """Give up on the item: its domain order fails, dependants are cancelled, the order ends partial or failed."""
    return _act_with_reason(fallout.fail_item, record_id, body)


@bp.post("/<record_id>/cancel-order")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutRecordView, etag=True)
def cancel_order(record_id: str, body: FalloutReason) -> FalloutRecordView:
    """Give up on the order: cancel it as cancelProductOrder would (refused past its point of no return)."""
    return _act_with_reason(fallout.cancel_order_of, record_id, body)


@bp.post("/retry")
@requires("fallout.work")
@endpoint(body=FalloutBulkRetry, response=FalloutBulkRetryResult)
def bulk_retry(body: FalloutBulkRetry) -> FalloutBulkRetryResult:
    """Retry open records by ``ids`` or by filter (``type``, ``assignmentGroup``; an agent's filter covers its
    own groups), each on its own: another group's record is reported ``forbidden`` and the others go on."""
    with runtime().reading() as session:
        ids = open_ids(session, body, _visible_groups(session))
    outcomes = fallout.retry_each(lambda: runtime().unit_of_work(actor()), ids, caller())
    return FalloutBulkRetryResult(retried=sum(o["outcome"] == "retried" for o in outcomes), results=outcomes)


@bp.post("/<record_id>/reassign")
@requires("fallout.work")
@endpoint(body=FalloutReassign, response=FalloutRecordView, etag=True)
def reassign(record_id: str, body: FalloutReassign) -> FalloutRecordView:
    """Move an open record to another assignment group and/or assignee (a member of that group), with a reason;
    an agent moves only its groups' records, to its own groups."""
    with runtime().unit_of_work(actor()) as uow:
        return record_detail(uow.session, fallout_work.reassign(uow, record_id, body, caller()))


@bp.post("/<record_id>/notes")
@requires("fallout.work")
@endpoint(body=FalloutNote, response=FalloutRecordView, etag=True)
def add_note(record_id: str, body: FalloutNote) -> FalloutRecordView:
    """Add a work note to a record (open or resolved); the record after it."""
    with runtime().unit_of_work(actor()) as uow:
        return record_detail(uow.session, fallout_work.add_note(uow, record_id, body.text.strip(), caller()))


def _act_with_reason(action, record_id: str, body: FalloutReason) -> FalloutRecordView:
    """Run a fallout action that needs a reason in one unit of work; the record after it."""
    with runtime().unit_of_work(actor()) as uow:
        return record_detail(uow.session, action(uow, record_id, body.reason.strip(), caller()))
