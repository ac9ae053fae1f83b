"""How an artifact test's ``expect`` is compared with the actual outcome (partial for objects)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from .values import parse_money


def matches(expected: object, actual: object) -> bool:
    """True when ``actual`` has everything ``expected`` says.

    Objects match partially (every expected member must match, extra actual members are
    fine); lists match item by item with equal length; numbers compare as Decimal (so
    ``"49.90"`` equals ``49.9``); dates equal their ISO text.
    """
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and matches(value, actual[key]) for key, value in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list | tuple) and len(expected) == len(actual) and all(
            matches(e, a) for e, a in zip(expected, actual, strict=True))
    if _numeric(expected) and _numeric(actual):
        return parse_money(expected) == parse_money(actual)
    if isinstance(actual, date) and isinstance(expected, str):
        return actual.isoformat() == expected
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual


def _numeric(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    try:
        parse_money(value)
    except ValueError:
        return False
    return True


def plain(value: object) -> object:
    """``value`` with Decimals as strings and dates as ISO text, for reports and JSON."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
