"""Job handler ``fallout.release``: the end of a timed hold the fallout rules set (``hold`` with ``durationSeconds``)."""
from __future__ import annotations

from engine.errors import Conflict
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import actions as fallout
from engine.runtime.fallout.records import RELEASE
from engine.runtime.jobs.registry import job_handler


@job_handler(RELEASE)
def release(uow: UnitOfWork, payload: dict) -> None:
    try:
        fallout.release_held(uow, payload["recordId"], payload.get("by") or "fallout-rules")
    except Conflict:  # an agent resolved the record first: nothing is left to release
        return
