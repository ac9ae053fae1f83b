"""Column types shared by the models: UTC datetimes and JSON that also holds Decimal values."""
from __future__ import annotations

import json
from datetime import UTC

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

from engine.canonical import canonical_json, json_default

__all__ = ["UTCDateTime", "JSONDocument", "dumps", "canonical_json"]


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONDocument = JSON().with_variant(JSONB(), "postgresql")


def dumps(value) -> str:
    """JSON text for the database: Decimal as a string, datetimes in ISO 8601."""
    return json.dumps(value, default=json_default, separators=(",", ":"))
