"""JavaScript type coercions as JsonLogic uses them (truthiness, ToNumber, ToString).

Numbers are ``int``, ``float`` or ``decimal.Decimal``; ``bool`` is never a number here.
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .errors import JsonLogicLimitExceeded
from .limits import MAX_DEPTH, active_limits
from .number_format import format_js_number

NAN = float("nan")
INFINITY = float("inf")
NUMBER_TYPES = frozenset({int, float, Decimal})

_DECIMAL_LITERAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER_LITERAL = re.compile(r"[+-]?\d+")
_HEX_BINARY_OCTAL = re.compile(r"0(?:[xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+)")
_FLOAT_PREFIX = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_SIGNED_INFINITY = {"Infinity": INFINITY, "+Infinity": INFINITY, "-Infinity": -INFINITY}
_RADIX = {"x": 16, "b": 2, "o": 8}


def is_number(value: Any) -> bool:
    """True for int, float and Decimal values (not bool)."""
    return type(value) in NUMBER_TYPES


def truthy(value: Any) -> bool:
    """JsonLogic truthiness: 0, NaN, "", [] and null are false; "0" and {} are true."""
    if value is True:
        return True
    if value is False or value is None:
        return False
    kind = type(value)
    if kind is float or kind is Decimal:
        return value == value and value != 0
    if isinstance(value, Mapping):
        return True
    return bool(value)


def to_number(value: Any) -> int | float | Decimal:
    """JavaScript ``Number(value)``: null is 0, unparsable text is NaN."""
    kind = type(value)
    if kind in NUMBER_TYPES:
        return value
    if value is None:
        return 0
    if kind is bool:
        return int(value)
    if kind is str:
        return _number_from_text(value)
    if isinstance(value, (list, tuple)):
        return _number_from_text(to_string(value))
    return NAN


def parse_float(value: Any) -> int | float | Decimal:
    """JavaScript ``parseFloat(value)``: the longest numeric prefix of its text, else NaN.

    Booleans are 1 and 0 (json-logic-engine's boolean arithmetic; ``parseFloat(true)`` is NaN).
    """
    if type(value) in NUMBER_TYPES:
        return value
    if type(value) is bool:
        return int(value)
    text = value if type(value) is str else to_string(value)
    match = _FLOAT_PREFIX.match(text.lstrip())
    if match is None:
        return NAN
    return _literal_number(match.group())


def to_integer(value: Any) -> int | float:
    """ECMAScript ToIntegerOrInfinity: NaN is 0, other numbers truncate toward zero."""
    number = to_number(value)
    if number != number:
        return 0
    if number in (INFINITY, -INFINITY):
        return number
    return int(number)


def to_string(value: Any) -> str:
    """JavaScript ``String(value)``; Decimal keeps its own digits (``"150.00"``)."""
    kind = type(value)
    if kind is str:
        return value
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return format_js_number(value)
    if kind is Decimal:
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        limit = active_limits().text_length
        return _list_text(value, [limit], limit, 1)
    if isinstance(value, Mapping):
        return "[object Object]"
    return str(value)


def to_primitive(value: Any) -> Any:
    """JavaScript ToPrimitive: arrays and objects become their string form."""
    if isinstance(value, (list, tuple, Mapping)):
        return to_string(value)
    return value


def _list_text(items, room: list[int], limit: int, depth: int) -> str:
    """``Array.prototype.toString``, refused past ``limit`` characters or ``MAX_DEPTH`` levels (a list
    built by an iteration may hold the same list many times: its text is never built in full)."""
    if depth > MAX_DEPTH:
        raise JsonLogicLimitExceeded("depth", MAX_DEPTH, "")
    parts = []
    for item in items:
        if isinstance(item, (list, tuple)):
            text = _list_text(item, room, limit, depth + 1)
        else:
            text = "" if item is None else to_string(item)
            room[0] -= len(text)
        room[0] -= 1
        if room[0] < 0:
            raise JsonLogicLimitExceeded("text_length", limit, "")
        parts.append(text)
    return ",".join(parts)


def _number_from_text(text: str) -> int | float:
    stripped = text.strip()
    if not stripped:
        return 0
    if _DECIMAL_LITERAL.fullmatch(stripped):
        return _literal_number(stripped)
    if stripped in _SIGNED_INFINITY:
        return _SIGNED_INFINITY[stripped]
    if _HEX_BINARY_OCTAL.fullmatch(stripped):
        return int(stripped[2:], _RADIX[stripped[1].lower()])
    return NAN


def _literal_number(text: str) -> int | float:
    if text in _SIGNED_INFINITY:
        return _SIGNED_INFINITY[text]
    if _INTEGER_LITERAL.fullmatch(text):
        try:
            return int(text)
        except ValueError:
            return float(text)
    return float(text)
