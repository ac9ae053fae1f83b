"""FEEL literal text <-> JSON values for DMN output entries and allowed values."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from engine.rules.decision_table.unary_syntax import Literal, UnarySyntaxError, parse
from engine.rules.decision_table.values import feel_literal, is_number, number_from_text


class FeelTextError(ValueError):
    """The text is not a FEEL literal (or list of literals) Ordo understands."""


def literal_from_text(text: str | None) -> object:
    """The JSON value of a FEEL literal (``"x"``, ``1.5``, ``true``, ``null``, ``date("…")``)."""
    if text is None or not text.strip():
        return None
    values = literals_from_text(text)
    if len(values) != 1:
        raise FeelTextError(f"expected one literal, not {text!r}")
    return values[0]


def literals_from_text(text: str) -> list:
    """The JSON values of a comma list of FEEL literals (``"gold","silver"``)."""
    try:
        parsed = parse(text)
    except UnarySyntaxError as exc:
        raise FeelTextError(f"{text!r} is not a FEEL literal: {exc}") from exc
    if parsed.is_any or parsed.negated or not all(isinstance(test, Literal) for test in parsed.tests):
        raise FeelTextError(f"{text!r} is not a list of literals (FEEL expressions are not supported)")
    return [_json_value(test.value) for test in parsed.tests]


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return number_from_text(str(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def text_from_literal(value: object, value_type: str = "any") -> str:
    """FEEL literal text for a JSON value in a column of ``value_type``."""
    if value_type == "number" and isinstance(value, str):
        return value
    if value_type == "date" and isinstance(value, str):
        return f'date("{value}")'
    if value is None or isinstance(value, str | bool) or is_number(value) or isinstance(value, date):
        return feel_literal(value)
    raise FeelTextError(f"{json.dumps(value)} has no FEEL literal form")


def text_from_literals(values: list, value_type: str = "any") -> str:
    """Comma list of FEEL literals."""
    return ",".join(text_from_literal(value, value_type) for value in values)
