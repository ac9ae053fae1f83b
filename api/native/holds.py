"""Releasing a held task: an agent ends a hold the jeopardy rules (or a breaker) put on a task."""
from __future__ import annotations

from flask import Blueprint

from api.contract import endpoint
from api.native.workspace import act
from api.permissions import actor, requires
from api.read.tasks import Reason, TaskView
from engine.runtime.tasks import holds

bp = Blueprint("holds", __name__, url_prefix="/api/v1")


@bp.post("/tasks/<task_id>/release")
@requires("task.work")
@endpoint(body=Reason, response=TaskView, etag=True)
def release(task_id: str, body: Reason) -> TaskView:
    """Release a held task: it starts again (409 when it is not held or a fallout record owns the hold)."""
    return act(lambda uow: holds.release(uow, task_id, actor(), body.reason), task_id)
