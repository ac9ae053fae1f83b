"""Job handler ``task.holdOver``: the end of a timed hold (the jeopardy rules' ``hold`` with ``durationSeconds``)."""
from __future__ import annotations

from engine.runtime import holds
from engine.runtime.context import UnitOfWork
from engine.runtime.registry import job_handler


@job_handler(holds.RELEASE)
def release(uow: UnitOfWork, payload: dict) -> None:
    holds.release_when_due(uow, payload["taskId"], payload["heldAt"])
