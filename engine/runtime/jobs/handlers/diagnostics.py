"""Diagnostic jobs: prove the queue's guarantees end to end (used by tests and ``ordo worker`` checks)."""
from __future__ import annotations

import time

from engine.runtime.context import UnitOfWork
from engine.runtime.jobs.registry import job_handler


@job_handler("diagnostic.record")
def record(uow: UnitOfWork, payload: dict) -> None:
    """Write one audit entry naming the payload's mark: its effect must appear exactly once."""
    uow.audit("diagnostic.recorded", "diagnostic", str(payload["mark"]), {"mark": payload["mark"]})


@job_handler("diagnostic.sleep")
def sleep_then_record(uow: UnitOfWork, payload: dict) -> None:
    """Take ``seconds`` of wall time before recording: a long job for lease and shutdown tests."""
    time.sleep(float(payload.get("seconds", 1)))
    record(uow, payload)


@job_handler("diagnostic.fail")
def fail(uow: UnitOfWork, payload: dict) -> None:
    raise RuntimeError(payload.get("message", "diagnostic failure"))
