"""Importing this package registers every built-in job handler."""
from engine.runtime.handlers import diagnostics, events, jeopardy, orders  # noqa: F401
