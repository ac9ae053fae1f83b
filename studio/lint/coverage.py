"""Inputs no row matches, when every column's values are known well enough to enumerate the gaps."""

from __future__ import annotations

from itertools import islice, product

from engine.rules.decision_table.unary_syntax import Comparison, Range, parse

from .columns import Column
from .describe import describe_box
from .finding import LintFinding
from .model import TableModel
from .rows import Box, TooComplex, uncovered
from .value_sets import ValueSet

NOT_ANALYSED = "coverage_not_checked"
SORT_LIMIT = 10_000


def coverage(model: TableModel, max_examples: int = 5) -> list[LintFinding]:
    """A finding listing up to ``max_examples`` uncovered inputs (info when defaults apply)."""
    reason = _why_not_checked(model)
    if reason:
        return [LintFinding("/rules", NOT_ANALYSED, "info", f"coverage not checked: {reason}")]
    try:
        gaps = uncovered(tuple(c.values for c in model.columns), [row.cells for row in model.rows])
    except TooComplex:
        return [LintFinding("/rules", NOT_ANALYSED, "info", "coverage not checked: the table is too complex")]
    if not gaps:
        return []
    return [_uncovered_finding(model, gaps, max_examples)]


def _why_not_checked(model: TableModel) -> str | None:
    if any(row.opaque for row in model.rows):
        return "some cells are JsonLogic"
    for position, column in enumerate(model.columns):
        if not _bounded(column, [row.entries[position] for row in model.rows]):
            return f"column {column.name} has neither allowedValues nor only ranges and comparisons"
    return None


def _bounded(column: Column, texts: list[str]) -> bool:
    if column.finite or all(parse(text).is_any for text in texts):
        return True
    return column.type in ("number", "date") and all(_only_comparisons(text) for text in texts)


def _only_comparisons(text: str) -> bool:
    parsed = parse(text)
    return parsed.is_any or all(
        isinstance(test, Range) or isinstance(test, Comparison) and test.op != "=" for test in parsed.tests)


def _uncovered_finding(model: TableModel, gaps: list[Box], max_examples: int) -> LintFinding:
    examples = _examples(gaps, model.columns)[:max_examples]
    count = _count(gaps, model.columns)
    amount = f"{count} input combinations" if count is not None else "some inputs"
    shown = "; ".join(", ".join(f"{name}: {text}" for name, text in example.items() if text != "-")
                      for example in examples[:3]) or "any input"
    severity, consequence = ("info", "the defaults apply") if model.has_defaults else ("warning", "no result")
    return LintFinding("/rules", "uncovered", severity,
                       f"no rule matches {amount} ({consequence}), e.g. {shown}", [], examples)


def _example_boxes(gaps: list[Box], columns: list[Column]):
    for box in gaps:
        choices = [_singletons(cell, column) if column.finite else [cell]
                   for cell, column in zip(box, columns, strict=True)]
        yield from product(*choices)


def _examples(gaps: list[Box], columns: list[Column]) -> list[dict]:
    boxes = sorted(islice(_example_boxes(gaps, columns), SORT_LIMIT), key=lambda box: _order(box, columns))
    return [{column.name: text for column, text in zip(columns, _texts(box, columns), strict=True)}
            for box in boxes]


def _order(box: Box, columns: list[Column]) -> tuple:
    """Allowed-value positions of a box's single values, so examples follow the column order."""
    return tuple(_position(cell, column) for cell, column in zip(box, columns, strict=True))


def _position(cell: ValueSet, column: Column) -> int:
    keys = cell.by_tag.get("f", frozenset())
    return min((column.allowed_keys.index(key) for key in keys), default=0) if column.finite else 0


def _texts(box: Box, columns: list[Column]) -> list[str]:
    described = describe_box(box, columns)
    return [described.get(column.name, "-") for column in columns]


def _singletons(cell: ValueSet, column: Column) -> list[ValueSet]:
    keys = cell.by_tag.get("f", frozenset())
    return [ValueSet.of({"f": frozenset({key})}) for key in column.allowed_keys if key in keys]


def _count(gaps: list[Box], columns: list[Column]) -> int | None:
    if not all(column.finite for column in columns):
        return None
    total = 0
    for box in gaps:
        size = 1
        for cell in box:
            size *= len(cell.by_tag.get("f", ()))
        total += size
    return total
