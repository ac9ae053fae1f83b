"""Turning a cell's text into the typed value a field declares; a failure is a message for the user."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from engine.excerpt import excerpt as quoted

TRUE = frozenset({"true", "yes", "y", "1"})
FALSE = frozenset({"false", "no", "n", "0"})
WHOLE = re.compile(r"^[+-]?\d+$")
EXCERPT = 40


def excerpt(text: object) -> str:
    """``text`` quoted, cut to a short excerpt (a file's cell can be huge)."""
    return quoted(str(text), EXCERPT)


class BadValue(ValueError):
    """The text cannot be read as the field's type; the message says why, quoting a short excerpt."""


def convert(text: str, kind: str, date_format: str | None = None) -> object:
    """``text`` as ``kind`` (string, integer, number, boolean, date, datetime); raises BadValue."""
    if kind == "string":
        return text
    if kind == "integer":
        if not WHOLE.match(text):
            raise BadValue(f"{excerpt(text)} is not a whole number")
        return int(text)
    if kind == "number":
        return _number(text)
    if kind == "boolean":
        lowered = text.lower()
        if lowered in TRUE or lowered in FALSE:
            return lowered in TRUE
        raise BadValue(f"{excerpt(text)} is not yes/no (true, false, yes, no, y, n, 1, 0)")
    if kind == "date":
        return _date(text, date_format).isoformat()
    return _datetime(text, date_format)


def _number(text: str) -> int | float:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadValue(f"{excerpt(text)} is not a number") from None
    if not number.is_finite():
        raise BadValue(f"{excerpt(text)} is not a number")
    return int(number) if number == number.to_integral_value() else float(number)


def _date(text: str, date_format: str | None) -> date:
    try:
        if date_format:
            return datetime.strptime(text, date_format).date()
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"{excerpt(text)} is not a date ({date_format or 'YYYY-MM-DD'})") from None


def _datetime(text: str, date_format: str | None) -> str:
    try:
        moment = datetime.strptime(text, date_format) if date_format else datetime.fromisoformat(text)
    except ValueError:
        raise BadValue(f"{excerpt(text)} is not a date and time ({date_format or 'ISO 8601'})") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
