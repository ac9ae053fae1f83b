"""Fallout API: open records for fallout agents, their actions, and the manager view."""
from __future__ import annotations

from collections import Counter

from flask import Blueprint, request

from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from engine.runtime import fallout

bp = Blueprint("fallout", __name__, url_prefix="/api/v1/fallout")
AGE_BUCKETS = ((3600, "<1h"), (86400, "<1d"), (7 * 86400, "<7d"))


@bp.get("")
@requires("fallout.read")
def list_fallout():
    filters = {"state": request.args.get("state", fallout.OPEN), "type": request.args.get("type"),
               "assignment_group": request.args.get("group"), "order_id": request.args.get("orderId")}
    with runtime().reading() as session:
        return {"fallout": [fallout.serialize(r) for r in fallout.open_records(session, **filters)]}


@bp.get("/summary")
@requires("fallout.read")
def summary():
    """Open fallout counted by type, by assignment group and by age."""
    now = runtime().clock.now()
    with runtime().reading() as session:
        records = fallout.open_records(session, state=fallout.OPEN)
    return {"open": len(records), "byType": Counter(r.type for r in records),
            "byGroup": Counter(r.assignment_group for r in records),
            "byAge": Counter(_age((now - r.created_at).total_seconds()) for r in records)}


def _age(seconds: float) -> str:
    return next((label for limit, label in AGE_BUCKETS if seconds < limit), ">=7d")


@bp.post("/<record_id>/retry")
@requires("fallout.work")
def retry(record_id: str):
    with runtime().unit_of_work(actor()) as uow:
        return fallout.serialize(fallout.retry(uow, record_id))


@bp.post("/<record_id>/force-complete")
@requires("fallout.work")
def force_complete(record_id: str):
    body = request.get_json(silent=True) or {}
    reason = body.get("reason") if isinstance(body, dict) else None
    if not isinstance(reason, str) or not reason.strip():
        raise ApiError(400, "Bad Request", 'send {"reason": "..."}: forcing a task complete needs a reason')
    with runtime().unit_of_work(actor()) as uow:
        return fallout.serialize(fallout.force_complete(uow, record_id, reason.strip()))
