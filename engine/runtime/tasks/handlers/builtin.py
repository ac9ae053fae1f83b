"""Auto-task handlers by name: what an auto task actually does.

A handler takes a TaskContext and returns its output (a dict) or raises TaskFailed. ``inline`` handlers
(fast, local: inventory, simulator) run inside the order's transaction; the others (HTTP callouts) run
as their own job so no order lock is held while a remote system answers.
"""
from engine.runtime.task_handlers import http_callout, inventory, simulator  # noqa: E402,F401  (registration)
from engine.runtime.task_handlers.registry import (
    TASK_HANDLERS,
    TaskContext,
    TaskFailed,
    TaskHandler,
    UnknownTaskHandler,
    task_handler,
    task_handler_for,
)

__all__ = ["TASK_HANDLERS", "TaskContext", "TaskFailed", "TaskHandler", "UnknownTaskHandler", "task_handler",
           "task_handler_for"]
