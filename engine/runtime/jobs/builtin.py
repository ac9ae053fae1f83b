"""Importing this module registers every built-in job handler and periodic scan (the worker does)."""
from engine.runtime.fallout import watchdog  # noqa: F401
from engine.runtime.jobs.handlers import (  # noqa: F401
    breakers,
    diagnostics,
    events,
    fallout,
    holds,
    imports,
    jeopardy,
    notifications,
    orders,
)
