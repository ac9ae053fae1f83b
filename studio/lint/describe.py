"""Render value sets and boxes as unary-test text an analyst can read."""

from __future__ import annotations

from engine.rules.decision_table.values import feel_literal

from .columns import Column
from .intervals import Interval
from .rows import Box
from .value_sets import ORDERED, ValueSet


def describe_set(value_set: ValueSet, column: Column) -> str:
    """Unary-test text for a set: ``-`` for every value of the column, else a comma list."""
    if (column.values - value_set).empty:
        return "-"
    texts = []
    for tag, part in value_set.parts:
        if tag in ORDERED:
            texts += [_interval(interval) for interval in part]
        elif tag == "f":
            texts += [feel_literal(key[1]) for key in _in_column_order(part, column)]
        else:
            texts += [feel_literal(value) for value in sorted(part, key=repr)]
    return ", ".join(texts)


def _in_column_order(keys: frozenset, column: Column) -> list:
    order = column.allowed_keys + (("null", None),)
    return [key for key in order if key in keys]


def _interval(interval: Interval) -> str:
    low, high = interval.low, interval.high
    if low is not None and low == high:
        return feel_literal(low)
    if low is None and high is None:
        return "-"
    if low is None:
        return ("<= " if interval.high_closed else "< ") + feel_literal(high)
    if high is None:
        return (">= " if interval.low_closed else "> ") + feel_literal(low)
    opening = "[" if interval.low_closed else "("
    closing = "]" if interval.high_closed else ")"
    return f"{opening}{feel_literal(low)}..{feel_literal(high)}{closing}"


def describe_box(box: Box, columns: list[Column]) -> dict:
    """``{column name: unary text}`` for the columns the box restricts."""
    texts = {column.name: describe_set(cell, column) for cell, column in zip(box, columns, strict=True)}
    return {name: text for name, text in texts.items() if text != "-"}


def box_text(box: Box, columns: list[Column]) -> str:
    """E.g. ``segment: "gold", total: >= 100`` (or ``any input``)."""
    texts = describe_box(box, columns)
    return ", ".join(f"{name}: {text}" for name, text in texts.items()) or "any input"
