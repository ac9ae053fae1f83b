"""``simulator.run``: a deterministic stand-in for a downstream system, for demos and tests.

Params: ``outcome`` ("success" | "fail"), ``failUntilAttempt`` (fail while the attempt number is below
it: a transient error), ``failureRate`` with ``seed`` (a seeded draw per task and attempt), ``output``,
``delaySeconds`` (wall time the call takes, at most 30 s: a slow system, for crash and lease tests),
``knownParam`` with ``known`` (the values the simulated system knows for that param: any other value is
refused permanently, as a system rejects data it has no record of; fixed data makes the retry succeed).
"""
from __future__ import annotations

import hashlib
import time

from engine.runtime.tasks.handlers.registry import TaskContext, TaskFailed, task_handler

MAX_DELAY_SECONDS = 30.0


def _draw(seed: object, task_key: str, attempt: int) -> float:
    digest = hashlib.sha256(f"{seed}:{task_key}:{attempt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


@task_handler("simulator.run")
def simulate(ctx: TaskContext) -> dict:
    params, attempt = ctx.task.params or {}, ctx.task.attempt
    if params.get("delaySeconds"):
        time.sleep(min(float(params["delaySeconds"]), MAX_DELAY_SECONDS))
    _check_known(params)
    if params.get("outcome") == "fail":
        raise TaskFailed(params.get("error") or "simulated failure")
    if attempt < int(params.get("failUntilAttempt") or 0):
        raise TaskFailed(f"simulated transient failure on attempt {attempt}")
    rate = float(params.get("failureRate") or 0)
    if rate and _draw(params.get("seed", 0), f"{ctx.task.id}", attempt) < rate:
        raise TaskFailed(f"simulated failure (rate {rate}) on attempt {attempt}")
    return {"simulated": True, "attempt": attempt, **(params.get("output") or {})}


def _check_known(params: dict) -> None:
    name = params.get("knownParam")
    if name and params.get(name) not in (params.get("known") or []):
        raise TaskFailed(f"rejected: {name} {params.get(name)!r} is not known to the system", permanent=True)
