"""Encode an event as the JSON text durable-rules matches on.

``Decimal`` values are matched as ``int`` when they are whole numbers and as ``float``
otherwise, so a fractional Decimal is compared with float precision (the event itself is
never changed). Tuples are read as lists and non-string keys as their JSON text, as
``json.dumps`` does. NaN, infinities and anything else that is not a JSON value raise
``EventValueError``.
"""

from __future__ import annotations

import json
from decimal import Decimal


class EventValueError(ValueError):
    """An event holds a value the rules engine cannot match on."""


def encode_event(event: dict, session_id: str) -> str:
    """The JSON text of ``event`` in durable-rules session ``session_id``."""
    if not isinstance(event, dict):
        raise EventValueError(f"an event must be an object, not {type(event).__name__}")
    try:
        return json.dumps({**event, "sid": session_id}, default=_number, allow_nan=False,
                          ensure_ascii=False, separators=(",", ":"))
    except EventValueError:
        raise
    except (TypeError, ValueError) as error:
        raise EventValueError(f"the event is not plain JSON: {error}") from error


def _number(value: object) -> int | float:
    if not isinstance(value, Decimal):
        raise EventValueError(f"{type(value).__name__} is not a JSON value")
    if not value.is_finite():
        raise EventValueError(f"{value} is not a finite number")
    if value == value.to_integral_value():
        return int(value)
    return float(value)
