"""Job handler ``task.holdOver``: the end of a timed hold (the jeopardy rules' ``hold`` with ``durationSeconds``)."""
from __future__ import annotations

from engine.runtime.context import UnitOfWork
from engine.runtime.jobs.registry import job_handler
from engine.runtime.tasks import holds


@job_handler(holds.RELEASE)
def release(uow: UnitOfWork, payload: dict) -> None:
    holds.release_when_due(uow, payload["taskId"], payload["heldAt"])
