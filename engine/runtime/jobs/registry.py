"""Job handlers by kind. A handler takes (UnitOfWork, payload) and must be idempotent."""
from __future__ import annotations

from collections.abc import Callable

from engine.runtime.context import UnitOfWork

JobHandler = Callable[[UnitOfWork, dict], None]
JOB_HANDLERS: dict[str, JobHandler] = {}
GaveUp = Callable[[UnitOfWork, dict, str], None]
GAVE_UP: dict[str, GaveUp] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Register the decorated function as the handler of job ``kind`` (one handler per kind)."""
    def register(fn: JobHandler) -> JobHandler:
        if kind in JOB_HANDLERS and JOB_HANDLERS[kind] is not fn:
            raise ValueError(f"job kind {kind!r} already has a handler")
        JOB_HANDLERS[kind] = fn
        return fn
    return register


def handler_for(kind: str) -> JobHandler | None:
    """The handler of ``kind`` (the built-in ones are there once ``engine.runtime.jobs.builtin`` is imported)."""
    return JOB_HANDLERS.get(kind)


def when_given_up(kind: str) -> Callable[[GaveUp], GaveUp]:
    """Register what to do, in the same transaction, when a job of ``kind`` has failed for good (its attempts
    used up): ``fn(uow, payload, error)``, e.g. mark what the job worked on as failed."""
    def register(fn: GaveUp) -> GaveUp:
        GAVE_UP[kind] = fn
        return fn
    return register


def given_up_handler(kind: str) -> GaveUp | None:
    return GAVE_UP.get(kind)
