"""Fallout API: open records for fallout agents, their actions, and the manager view.

Fallout agents see and work the records of their assignment groups (and of no group); managers (who assign
tasks) and read-only roles such as the auditor see every group's records (``api.native.workspace.caller``)."""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, request

from api.errors import ApiError
from api.native.workspace import caller
from api.permissions import actor, requires
from api.roles import allowed
from api.runtime import runtime
from engine.runtime.fallout import actions as fallout
from engine.runtime.tasks.groups import groups_of

bp = Blueprint("fallout", __name__, url_prefix="/api/v1/fallout")
AGE_BUCKETS = ((3600, "<1h"), (86400, "<1d"), (7 * 86400, "<7d"))
BULK_LIMIT = 500


@bp.get("")
@requires("fallout.read")
def list_fallout():
    filters = {"state": request.args.get("state", fallout.OPEN), "type": request.args.get("type"),
               "assignment_group": request.args.get("group"), "order_id": request.args.get("orderId")}
    with runtime().reading() as session:
        records = fallout.open_records(session, groups=_visible_groups(session), **filters)
        return {"fallout": [fallout.serialize(r) for r in records]}


def _visible_groups(session) -> set[str] | None:
    """The groups whose records the caller sees: an agent's own (who works fallout but assigns no task);
    None (every group) for managers and read-only roles."""
    who = caller()
    if who.unrestricted or not allowed(who.role, "fallout.work"):
        return None
    return groups_of(session, who.username)


@bp.get("/summary")
@requires("fallout.read")
def summary():
    """Open fallout counted by type, assignment group, priority and age (optionally for one type or group);
    an agent's counts cover its own groups."""
    now = runtime().clock.now()
    with runtime().reading() as session:
        records = fallout.open_records(session, groups=_visible_groups(session), state=fallout.OPEN,
                                       type=request.args.get("type"), assignment_group=request.args.get("group"))
    return {"open": len(records), "byType": Counter(r.type for r in records),
            "byGroup": Counter(r.assignment_group for r in records),
            "byPriority": Counter(str(r.priority) for r in records),
            "byAge": Counter(_age((now - r.created_at).total_seconds()) for r in records)}


def _age(seconds: float) -> str:
    return next((label for limit, label in AGE_BUCKETS if seconds < limit), ">=7d")


@bp.post("/<record_id>/retry")
@requires("fallout.work")
def retry(record_id: str):
    with runtime().unit_of_work(actor()) as uow:
        return fallout.serialize(fallout.retry(uow, record_id, caller()))


@bp.post("/<record_id>/force-complete")
@requires("fallout.work")
def force_complete(record_id: str):
    return _act_with_reason(fallout.force_complete, record_id, "forcing a task complete")


@bp.post("/<record_id>/fix")
@requires("fallout.work")
def fix(record_id: str):
    """Merge-patch the task's params and/or its domain order's line characteristics, then retry the task."""
    body = _body()
    params, lines, reason = body.get("params"), body.get("lines"), body.get("reason")
    if params is None and lines is None:
        raise ApiError(400, "Bad Request", 'send {"params": {...}} and/or {"lines": {"<line id>": {...}}}')
    if not _object_or_none(params) or not _object_or_none(lines) \
            or any(not isinstance(patch, dict) for patch in (lines or {}).values()) \
            or not (reason is None or isinstance(reason, str)):
        raise ApiError(422, "Unprocessable Content", "params is a merge-patch object, lines maps line ids to "
                                                     "characteristic merge-patches, reason is a string")
    with runtime().unit_of_work(actor()) as uow:
        return fallout.serialize(fallout.fix_and_resume(uow, record_id, params, lines, reason, caller()))


@bp.post("/<record_id>/fail-item")
@requires("fallout.work")
def fail_item(record_id: str):
    """Give up on the item: its domain order fails, dependants are cancelled, the order ends partial or failed."""
    return _act_with_reason(fallout.fail_item, record_id, "failing an item")


@bp.post("/<record_id>/cancel-order")
@requires("fallout.work")
def cancel_order(record_id: str):
    """Give up on the order: cancel it as cancelProductOrder would (refused past its point of no return)."""
    return _act_with_reason(fallout.cancel_order_of, record_id, "cancelling the order")


@bp.post("/retry")
@requires("fallout.work")
def bulk_retry():
    """Retry open records by ``ids`` or by filter (``type``, ``assignmentGroup``; an agent's filter covers its
    own groups), each on its own: another group's record is reported ``forbidden`` and the others go on."""
    body = _body()
    ids, kind, group = body.get("ids"), body.get("type"), body.get("assignmentGroup")
    if ids is None and kind is None and group is None:
        raise ApiError(400, "Bad Request", 'send {"ids": [...]} or a filter {"type": ..., "assignmentGroup": ...}')
    if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)
                            or len(ids) > BULK_LIMIT):
        raise ApiError(422, "Unprocessable Content", f"ids is a list of at most {BULK_LIMIT} record ids")
    if not all(v is None or isinstance(v, str) for v in (kind, group)):
        raise ApiError(422, "Unprocessable Content", "type and assignmentGroup are strings")
    if ids is None:
        with runtime().reading() as session:
            ids = [r.id for r in fallout.open_records(session, limit=BULK_LIMIT, groups=_visible_groups(session),
                                                      state=fallout.OPEN, type=kind, assignment_group=group)]
    outcomes = fallout.retry_each(lambda: runtime().unit_of_work(actor()), list(dict.fromkeys(ids)), caller())
    return {"retried": sum(o["outcome"] == "retried" for o in outcomes), "results": outcomes}


def _act_with_reason(action, record_id: str, what: str) -> dict:
    """Run a fallout action that needs a reason (400 without one) in one unit of work; the record after it."""
    reason = _reason(what)
    with runtime().unit_of_work(actor()) as uow:
        return fallout.serialize(action(uow, record_id, reason, caller()))


def _body() -> dict:
    body = request.get_json(silent=True)
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise ApiError(400, "Bad Request", "the body is a JSON object")
    return body


def _reason(action: str) -> str:
    reason = _body().get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ApiError(400, "Bad Request", f'send {{"reason": "..."}}: {action} needs a reason')
    return reason.strip()


def _object_or_none(value) -> bool:
    return value is None or isinstance(value, dict)
