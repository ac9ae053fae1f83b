"""Releasing a held task: an agent ends a hold the jeopardy rules (or a breaker) put on a task."""
from __future__ import annotations

from flask import Blueprint

from api.errors import ApiError
from api.native.workspace import body
from api.permissions import actor, requires
from api.runtime import runtime
from api.serializers.workspace import serialize_task
from engine.runtime.tasks import holds

bp = Blueprint("holds", __name__, url_prefix="/api/v1")


@bp.post("/tasks/<task_id>/release")
@requires("task.work")
def release(task_id: str):
    """Release a held task: it starts again (409 when it is not held or a fallout record owns the hold)."""
    reason = body().get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ApiError(400, "Bad Request", '"reason" must be a string')
    with runtime().unit_of_work(actor()) as uow:
        return serialize_task(holds.release(uow, task_id, actor(), reason))
