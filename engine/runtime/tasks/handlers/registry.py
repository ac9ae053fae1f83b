"""The registry of auto-task handlers."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.runtime.context import UnitOfWork
from engine.runtime.packs import PackView, pack_view
from engine.store.models import CustomerOrder, Task

if TYPE_CHECKING:
    from engine.runtime.orders.pipeline.context import StageContext


class TaskFailed(Exception):
    """The handler ran and the work failed (retry policy and fallout decide what next).

    ``permanent``: the system answered and refused the request as it stands (unknown data, say): running it
    again cannot help, so the plan's retry policy is skipped and the fallout rules decide at once."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class UnknownTaskHandler(TaskFailed):
    """The plan names a handler this runtime does not have."""


@dataclass
class TaskContext:
    uow: UnitOfWork
    order: CustomerOrder
    task: Task
    run: StageContext | None = None

    @property
    def pack(self) -> PackView:
        """The order's pack (the stage run's, when the task runs in one)."""
        return self.run.pack if self.run is not None else pack_view(self.uow.session, self.order.pack_id)


@dataclass(frozen=True)
class TaskHandler:
    name: str
    run: Callable[[TaskContext], dict | None]
    inline: bool = True


TASK_HANDLERS: dict[str, TaskHandler] = {}


def task_handler(name: str, *, inline: bool = True) -> Callable:
    def register(fn: Callable[[TaskContext], dict | None]):
        TASK_HANDLERS[name] = TaskHandler(name, fn, inline)
        return fn
    return register


def task_handler_for(name: str | None) -> TaskHandler:
    if name not in TASK_HANDLERS:
        return TaskHandler(str(name), _unknown(name))
    return TASK_HANDLERS[name]


def _unknown(name):
    def run(_ctx):
        raise UnknownTaskHandler(f"no auto-task handler named {name!r}")
    return run
