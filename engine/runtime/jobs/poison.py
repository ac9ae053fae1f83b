"""Poison jobs: an order's job that fails the same way on every attempt goes to fallout instead of retrying.

A job of an order (``order.advance``, ``task.run``, ``task.wake``) is given up when its failure is
deterministic (``RecursionError``, ``MemoryError``: the next attempt fails the same), when the same error
(type and message) comes back on ``SAME_FAILURES`` attempts in a row (transient-looking errors excepted), or
when its attempts are used up. It then ends ``failed`` and the order gets a ``job.failed`` fallout record in
the same transaction, so an agent retries it (the job is queued again) or cancels the order. The streak of
identical failures is kept on the job's ``last_error``. Other jobs keep their own retry behaviour.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from engine.lifecycle.fallout import classify
from engine.runtime.jobs.queue import LeasedJob
from engine.runtime.orders.persistence import ADVANCE
from engine.runtime.tasks.starting import RUN_TASK, WAKE_TASK

ORDER_JOBS = (ADVANCE, RUN_TASK, WAKE_TASK)
DETERMINISTIC = (RecursionError, MemoryError)
SAME_FAILURES = 3
ERROR_CHARS = 2000
_STREAK = re.compile(r"\n\(the same failure on (\d+) attempts in a row\)$")


@dataclass(frozen=True)
class Verdict:
    """What to do with one failure of a job: its error text to store, and whether it goes to fallout."""

    error: str
    streak: int
    poison: bool
    reason: str | None = None


def is_order_job(kind: str) -> bool:
    return kind in ORDER_JOBS


def judge(job: LeasedJob, error: BaseException, text: str) -> Verdict:
    """Whether this failure of an order's ``job`` makes it a poison job (``text`` is the error's one line)."""
    text = text[:ERROR_CHARS]
    streak = same_failures(job.last_error, text)
    stored = text if streak == 1 else f"{text}\n(the same failure on {streak} attempts in a row)"
    if isinstance(error, DETERMINISTIC):
        return Verdict(stored, streak, True, f"{type(error).__name__} fails the same on every attempt")
    if streak >= SAME_FAILURES and classify(text) != "transient":
        return Verdict(stored, streak, True, f"the same failure on {streak} attempts in a row")
    if job.attempts >= job.max_attempts:
        return Verdict(stored, streak, True, f"all {job.max_attempts} attempts failed")
    return Verdict(stored, streak, False)


def same_failures(last_error: str | None, text: str) -> int:
    """How many attempts in a row failed with ``text``, counting this one."""
    if not last_error:
        return 1
    found = _STREAK.search(last_error)
    previous = last_error[:found.start()] if found else last_error
    if previous != text:
        return 1
    return (int(found.group(1)) if found else 1) + 1


def order_of(session, job: LeasedJob) -> tuple[str | None, str | None]:
    """(order id, task id) the job works on, read without loading the order (its payload may be what fails);
    (None, None) when its order or task is gone."""
    from engine.store.models import CustomerOrder, Task

    if job.kind == ADVANCE:
        found = session.execute(select(CustomerOrder.id).where(CustomerOrder.id == str(job.payload.get("orderId"))))
        return found.scalar(), None
    row = session.execute(select(Task.order_id, Task.id).where(Task.id == str(job.payload.get("taskId")))).first()
    return (row.order_id, row.id) if row is not None else (None, None)
