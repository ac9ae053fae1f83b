"""Holding a task by hand: an agent releases a hold the jeopardy rules (or a breaker) put on a task, or raises a
manual fallout on a task they work (the task goes on hold and a record opens for the fallout group)."""
from __future__ import annotations

from flask import Blueprint
from pydantic import Field

from api.contract import Model, endpoint
from api.native.workspace import act, caller
from api.permissions import actor, requires
from api.read.fallout import FalloutView, fallout_view
from api.read.tasks import Reason, TaskView
from api.runtime import runtime
from engine.runtime.fallout.manual import raise_fallout
from engine.runtime.tasks import holds

bp = Blueprint("holds", __name__, url_prefix="/api/v1")


class RaiseFallout(Model):
    type: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z][A-Za-z0-9._-]*$",
                      description="the fallout type, e.g. customerUnreachable, wrongData, provisioning")
    reason: str = Field(min_length=1, max_length=4000, pattern=r"\S", description="what went wrong (audited)")
    priority: int | None = Field(None, ge=1, le=5, description="1 is the most urgent; default 3")


@bp.post("/tasks/<task_id>/release")
@requires("task.work")
@endpoint(body=Reason, response=TaskView, etag=True)
def release(task_id: str, body: Reason) -> TaskView:
    """Release a held task: it starts again (409 when it is not held or a fallout record owns the hold)."""
    return act(lambda uow: holds.release(uow, task_id, actor(), body.reason), task_id)


@bp.post("/tasks/<task_id>/fallout")
@requires("task.work")
@endpoint(body=RaiseFallout, response=FalloutView, status=201)
def manual_fallout(task_id: str, body: RaiseFallout) -> FalloutView:
    """Raise a manual fallout on a task the caller works: the task goes on hold and a fallout record opens for
    the fallout group (403 outside the task's group; 409 when the task is not worked now or has an open record)."""
    with runtime().unit_of_work(actor()) as uow:
        return fallout_view(raise_fallout(uow, task_id, caller(), body.type, body.reason.strip(), body.priority))
