"""Importing this package registers every built-in job handler (and the periodic scans)."""
from engine.runtime import watchdog  # noqa: F401
from engine.runtime.handlers import breakers, diagnostics, events, fallout, jeopardy, notifications, orders  # noqa: F401
