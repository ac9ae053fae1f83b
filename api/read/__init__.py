"""The read side of the native API: per screen area, the queries and the typed views they answer.

Each module holds the response types (``api.contract.Model`` subclasses) of its area and the functions that
fill them from the store; these views are the only place a native response is shaped. Lists select the
columns they show (never whole order bodies) and return ``api.contract.Page``.
"""
from __future__ import annotations

from typing import Any


def canonical(value: Any) -> Any:
    """Free-form JSON with its object keys in sorted order at every depth, so a response body is the same bytes
    whether it was just written or read back from PostgreSQL's JSONB (which reorders keys); ETags do not
    depend on it (they hash a canonical form: api.contract.etag)."""
    if isinstance(value, dict):
        return {key: canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value
