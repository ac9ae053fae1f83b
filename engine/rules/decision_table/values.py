"""Value normalisation shared by cells, columns and importers.

Numbers are ``Decimal`` (never float); every value that can take part in an equality
test gets a *key*: a hashable ``(tag, value)`` pair so that ``True`` never equals ``1``.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

TYPES = ("string", "number", "boolean", "date", "any")
TYPE_TAGS = {"string": "s", "number": "n", "boolean": "b", "date": "d"}
NULL_KEY = ("null", None)


def is_number(value: object) -> bool:
    """True for int, float and Decimal, but not for bool."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def to_decimal(value: int | float | Decimal) -> Decimal | None:
    """An exact Decimal for a number (floats via their shortest repr); None if not finite."""
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    return Decimal(value)


def normalize(value: object, type_name: str = "any") -> object:
    """The comparable form of a context value for a column of ``type_name``."""
    if value is None or isinstance(value, bool | str) and type_name != "date":
        return value
    if is_number(value):
        number = to_decimal(value)
        return value if number is None else number
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return parse_date(value) or value
    return value


def parse_date(text: str) -> date | None:
    """An ISO date (``2026-01-01``) or None when the text is not one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def value_key(value: object) -> tuple | None:
    """The equality key of a normalised value; None when it can equal nothing."""
    if value is None:
        return NULL_KEY
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, Decimal):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, date):
        return ("d", value)
    return None


def output_number(value: int | float | Decimal | str) -> int | Decimal:
    """A number-typed output value: ints stay int, everything else becomes Decimal."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return Decimal(value.strip())
    number = to_decimal(value)
    if number is None:
        raise InvalidOperation(f"not a finite number: {value!r}")
    return number


def number_from_text(text: str) -> int | float | str:
    """A JSON-native number for numeric text: int, float when exact, else the decimal text."""
    number = Decimal(text.strip())
    if not number.is_finite():
        raise InvalidOperation(f"not a finite number: {text!r}")
    if number == number.to_integral_value() and "." not in text and "e" not in text.lower():
        return int(number)
    as_float = float(number)
    if Decimal(repr(as_float)) == number:
        return as_float
    return text.strip()


def feel_literal(value: object) -> str:
    """FEEL / unary-test literal text for a JSON value (``"x"``, ``1.5``, ``true``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        number = to_decimal(value)
        return str(value) if isinstance(value, int) else format(number, "f")
    if isinstance(value, date):
        return f'date("{value.isoformat()}")'
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"no literal form for {type(value).__name__}")
