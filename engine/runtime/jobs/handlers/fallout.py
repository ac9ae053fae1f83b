"""Job handler ``fallout.release``: the end of a timed hold the fallout rules set (``hold`` with ``durationSeconds``)."""
from __future__ import annotations

from engine.errors import Conflict
from engine.runtime import fallout
from engine.runtime.context import UnitOfWork
from engine.runtime.registry import job_handler


@job_handler(fallout.RELEASE)
def release(uow: UnitOfWork, payload: dict) -> None:
    try:
        fallout.release_held(uow, payload["recordId"], payload.get("by") or "fallout-rules")
    except Conflict:  # an agent resolved the record first: nothing is left to release
        return
