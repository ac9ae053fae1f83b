"""Input and output columns: how a value is read, its type, allowed values, default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .values import normalize, value_key

Reader = Callable[[dict], object]
_MISSING = object()


@dataclass(frozen=True)
class InputColumn:
    """A compiled input: ``read(context)`` returns the raw value of the column."""

    name: str
    type: str
    read: Reader
    allowed_keys: frozenset | None = None


@dataclass(frozen=True)
class OutputColumn:
    """A compiled output with its priority order (from allowedValues) and default."""

    name: str
    type: str
    allowed: tuple | None = None
    has_default: bool = False
    default: object = None
    ranks: dict = field(default_factory=dict)

    def rank(self, value: object) -> int:
        """Priority of a value: its position in allowedValues (unknown values rank last)."""
        key = value_key(normalize(value))
        return self.ranks.get(key, len(self.ranks))


def path_reader(path: str) -> Reader:
    """A reader for a dotted path (``customer.segment``, ``items.0.price``); missing is None."""
    parts = tuple(path.split("."))

    def read(context: dict) -> object:
        current = context
        for part in parts:
            if isinstance(current, dict):
                current = current.get(part, _MISSING)
            elif isinstance(current, list | tuple) and part.isdigit() and int(part) < len(current):
                current = current[int(part)]
            else:
                return None
            if current is _MISSING:
                return None
        return current

    return read


def key_reader(name: str) -> Reader:
    """A reader for one top-level key, taken whole (``Applicant Age``, ``a.b`` is one key); missing is None."""

    def read(context: dict) -> object:
        return context.get(name) if isinstance(context, dict) else None

    return read


def rank_table(allowed: tuple) -> dict:
    """Map each allowed value's equality key to its position (first wins)."""
    ranks: dict = {}
    for position, value in enumerate(allowed):
        ranks.setdefault(value_key(normalize(value)), position)
    return ranks
