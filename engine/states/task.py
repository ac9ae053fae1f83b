"""Orchestration task states."""
from enum import StrEnum

from engine.states.machine import StateMachine


class TaskState(StrEnum):
    PENDING = "pending"
    READY = "ready"
    RUNNING = "running"
    WAITING = "waiting"
    ON_HOLD = "onHold"
    COMPLETED = "completed"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


S = TaskState

TASK = StateMachine(
    "Task",
    TaskState,
    {
        S.PENDING: [S.READY, S.SKIPPED, S.CANCELLED, S.ON_HOLD],
        S.READY: [S.RUNNING, S.WAITING, S.SKIPPED, S.CANCELLED, S.ON_HOLD],
        S.RUNNING: [S.COMPLETED, S.FAILED, S.READY, S.WAITING, S.ON_HOLD, S.CANCELLED],
        S.WAITING: [S.RUNNING, S.COMPLETED, S.FAILED, S.ON_HOLD, S.CANCELLED],
        S.ON_HOLD: [S.PENDING, S.READY, S.CANCELLED],
        S.FAILED: [S.READY, S.COMPLETED, S.CANCELLED],
    },
    finals=[S.COMPLETED, S.SKIPPED, S.CANCELLED],
)
