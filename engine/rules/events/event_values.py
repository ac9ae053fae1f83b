"""Turn an event into the JSON values durable-rules matches on.

``Decimal`` values become ``int`` when they are whole numbers and ``float`` otherwise, so
comparisons in rules work on them; a fractional Decimal is therefore matched with float
precision (the event itself is never changed). Tuples are read as lists. Anything else
that is not a JSON value raises ``EventValueError``.
"""

from __future__ import annotations

import math
from decimal import Decimal


class EventValueError(ValueError):
    """An event holds a value the rules engine cannot match on."""


def to_matchable(event: dict) -> dict:
    """A copy of ``event`` made only of JSON values (see the module docstring)."""
    if not isinstance(event, dict):
        raise EventValueError(f"an event must be an object, not {type(event).__name__}")
    return _convert(event, "")


def _convert(value: object, path: str) -> object:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return _finite(value, path)
    if isinstance(value, Decimal):
        return _from_decimal(value, path)
    if isinstance(value, dict):
        return {_key(key, path): _convert(item, f"{path}/{key}") for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_convert(item, f"{path}/{index}") for index, item in enumerate(value)]
    raise EventValueError(f"{path or '/'}: {type(value).__name__} is not a JSON value")


def _from_decimal(value: Decimal, path: str) -> int | float:
    if not value.is_finite():
        raise EventValueError(f"{path or '/'}: {value} is not a finite number")
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _finite(value: float, path: str) -> float:
    if not math.isfinite(value):
        raise EventValueError(f"{path or '/'}: {value} is not a finite number")
    return value


def _key(key: object, path: str) -> str:
    if not isinstance(key, str):
        raise EventValueError(f"{path or '/'}: keys must be strings, not {type(key).__name__}")
    return key
