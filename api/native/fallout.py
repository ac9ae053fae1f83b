"""Fallout API: open records for fallout agents, their actions, and the manager view.

Fallout agents see and work the records of their assignment groups (and of no group); managers (who assign
tasks) and read-only roles such as the auditor see every group's records (``api.native.workspace.caller``)."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.native.workspace import caller
from api.permissions import actor, requires
from api.read.fallout import (
    FalloutBulkRetry,
    FalloutBulkRetryResult,
    FalloutFix,
    FalloutQuery,
    FalloutReason,
    FalloutSummary,
    FalloutView,
    SummaryQuery,
    fallout_page,
    fallout_record,
    fallout_summary,
    fallout_view,
    open_ids,
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
    """Fallout records (open ones unless ``state=resolved``), most urgent and oldest first."""
    with runtime().reading() as session:
        return fallout_page(session, query, _visible_groups(session))


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
@endpoint(response=FalloutView, etag=True)
def get_fallout(record_id: str) -> FalloutView:
    """One fallout record (an agent sees those of its groups and of no group)."""
    with runtime().reading() as session:
        return fallout_record(session, record_id, _visible_groups(session))


@bp.post("/<record_id>/retry")
@requires("fallout.work")
@endpoint(response=FalloutView, etag=True)
def retry(record_id: str) -> FalloutView:
    """Retry the record's task (or advance its stuck order again); the record after it."""
    with runtime().unit_of_work(actor()) as uow:
        return fallout_view(fallout.retry(uow, record_id, caller()))


@bp.post("/<record_id>/force-complete")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutView, etag=True)
def force_complete(record_id: str, body: FalloutReason) -> FalloutView:
    """Complete the task by hand (a reason is required); the record after it."""
    return _act_with_reason(fallout.force_complete, record_id, body)


@bp.post("/<record_id>/fix")
@requires("fallout.work")
@endpoint(body=FalloutFix, response=FalloutView, etag=True)
def fix(record_id: str, body: FalloutFix) -> FalloutView:
    """Merge-patch the task's params and/or its domain order's line characteristics, then retry the task."""
    with runtime().unit_of_work(actor()) as uow:
        return fallout_view(fallout.fix_and_resume(uow, record_id, body.params, body.lines, body.reason,
                                                   caller()))


@bp.post("/<record_id>/fail-item")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutView, etag=True)
def fail_item(record_id: str, body: FalloutReason) -> FalloutView:
    """Give up on the item: its domain order fails, dependants are cancelled, the order ends partial or failed."""
    return _act_with_reason(fallout.fail_item, record_id, body)


@bp.post("/<record_id>/cancel-order")
@requires("fallout.work")
@endpoint(body=FalloutReason, response=FalloutView, etag=True)
def cancel_order(record_id: str, body: FalloutReason) -> FalloutView:
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


def _act_with_reason(action, record_id: str, body: FalloutReason) -> FalloutView:
    """Run a fallout action that needs a reason in one unit of work; the record after it."""
    with runtime().unit_of_work(actor()) as uow:
        return fallout_view(action(uow, record_id, body.reason.strip(), caller()))
