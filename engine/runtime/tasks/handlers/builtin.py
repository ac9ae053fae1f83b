"""Importing this module registers the built-in auto-task handlers (``engine.runtime.tasks.starting`` does).

A handler takes a TaskContext and returns its output (a dict) or raises TaskFailed. ``inline`` handlers
(fast, local: inventory, simulator) run inside the order's transaction; the others (HTTP callouts) run
as their own job so no order lock is held while a remote system answers.
"""
from engine.runtime.tasks.handlers import http_callout, inventory, simulator  # noqa: F401  (registration)
