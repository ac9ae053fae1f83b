"""Values in artifact bodies: money as Decimal, ISO 8601 dates and durations, dotted paths."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .issues import Issues

_DURATION = re.compile(r"^P(?:(?P<weeks>\d+)W|(?:(?P<days>\d+)D)?(?:T(?=\d)(?:(?P<hours>\d+)H)?"
                       r"(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?)$")


def parse_money(value: object) -> Decimal:
    """A finite Decimal from a JSON number, a numeric string or a Decimal; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{value!r} is not an amount")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValueError(f"{value!r} is not a decimal amount") from error
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    return amount


def money(value: object, at: str, issues: Issues) -> Decimal | None:
    """Parse an amount, recording ``invalid_amount`` at ``at`` when it is not one."""
    try:
        return parse_money(value)
    except ValueError as error:
        issues.add(at, "invalid_amount", str(error))
        return None


def parse_duration(text: str) -> timedelta:
    """An ISO 8601 duration (``P1D``, ``PT4H30M``, ``P2W``) as a timedelta; ValueError otherwise."""
    found = _DURATION.match(text) if isinstance(text, str) and text != "P" else None
    if not found:
        raise ValueError(f"{text!r} is not an ISO 8601 duration such as PT4H or P2D")
    parts = {name: float(value) for name, value in found.groupdict().items() if value}
    return timedelta(**parts)


def duration(value: str | None, at: str, issues: Issues) -> timedelta | None:
    """Parse an optional duration, recording ``invalid_duration`` at ``at``."""
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as error:
        issues.add(at, "invalid_duration", str(error))
        return None


def parse_instant(value: str | date | datetime) -> datetime:
    """An ISO date or date-time as an aware datetime (UTC when no offset is given)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def instant(value: str | None, at: str, issues: Issues) -> datetime | None:
    """Parse an optional date or date-time, recording ``invalid_date`` at ``at``."""
    if value is None:
        return None
    try:
        return parse_instant(value)
    except (TypeError, ValueError):
        issues.add(at, "invalid_date", f"{value!r} is not an ISO 8601 date or date-time")
        return None


def read_path(data: object, path: str) -> object:
    """The value at dotted ``path`` (digits index lists), or None when any step is missing."""
    current = data
    for step in path.split("."):
        if isinstance(current, dict):
            current = current.get(step)
        elif isinstance(current, list) and step.isdigit() and int(step) < len(current):
            current = current[int(step)]
        else:
            return None
    return current


def write_path(data: dict, path: str, value: object) -> None:
    """Set ``value`` at dotted ``path`` inside ``data``, creating dicts on the way."""
    steps = path.split(".")
    current = data
    for step in steps[:-1]:
        if not isinstance(current.get(step), dict):
            current[step] = {}
        current = current[step]
    current[steps[-1]] = value
