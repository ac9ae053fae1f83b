"""URL converters: ``<int:...>`` bounded to what the database's integer columns hold (larger is a 404)."""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

MAX_INT = 2**31 - 1  # PostgreSQL INTEGER; SQLite refuses integers beyond 64 bits


class BoundedIntConverter(IntegerConverter):
    """``int`` path segments from 0 to MAX_INT; anything larger matches no route instead of reaching the SQL."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_INT,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
