"""Short, quoted excerpts of values a user sent, for messages that name them without echoing them whole."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

LIMIT = 80


def excerpt(value: object, limit: int = LIMIT) -> str:
    """``value`` quoted as the user wrote it (JSON, a string in single quotes), cut to ``limit`` characters + "…"."""
    if isinstance(value, Decimal | date):
        value = str(value) if isinstance(value, Decimal) else value.isoformat()
        return excerpt(value, limit)[1:-1] if isinstance(value, str) and value[:1].isdigit() else excerpt(value, limit)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"'{text}'" if isinstance(value, str) else text


def listing(values) -> str:
    """Allowed values for a message: ``a, b or c`` (each excerpted)."""
    shown = [excerpt(value, 40) for value in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
