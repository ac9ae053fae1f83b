"""Tasks of an order: how a ready task starts and ends by its type, auto-task handlers (``handlers/``), the
agents' workspace and assignment groups, holds, waits, circuit breakers of external systems, the timeline."""
