"""Canonical JSON: the one serialisation used for hashes (sorted keys, no spaces, Decimal as text)."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal


def json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def canonical_json(value) -> str:
    return json.dumps(value, default=json_default, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
