"""Importing this package registers every built-in job handler (and the periodic scans)."""
from engine.runtime import watchdog  # noqa: F401
from engine.runtime.handlers import (  # noqa: F401
    breakers,
    diagnostics,
    events,
    fallout,
    holds,
    jeopardy,
    notifications,
    orders,
)
