"""Rows that can never decide the result under FIRST or PRIORITY because other rows cover them."""

from __future__ import annotations

from .finding import LintFinding
from .model import TableModel, rule_pointer
from .rows import Row, TooComplex, meet, uncovered


def unreachable(model: TableModel) -> list[LintFinding]:
    """A warning for each row whose every input is taken by earlier (FIRST) or better (PRIORITY) rows."""
    if model.policy == "FIRST":
        return _check_each(model, lambda row: [other for other in model.rows[:row.position] if not other.opaque])
    if model.policy == "PRIORITY":
        ranks = _priorities(model)
        return _check_each(model, lambda row: _winners_over(row, model.rows, ranks))
    return []


def _check_each(model: TableModel, winners_of) -> list[LintFinding]:
    findings = []
    for row in model.rows:
        winners = winners_of(row)
        box = row.widened(model.columns)
        try:
            rest = uncovered(box, [winner.cells for winner in winners])
        except TooComplex:
            continue
        if not rest:
            involved = [w.id for w in winners if meet(box, w.cells) is not None]
            findings.append(_finding(model, row, involved))
    return findings


def _finding(model: TableModel, row: Row, involved: list[str]) -> LintFinding:
    if len(involved) == 1:
        reason = f"rule {involved[0]} matches every input it matches"
    else:
        reason = f"rules {', '.join(involved)} together match every input it matches"
    return LintFinding(rule_pointer(row), "unreachable", "warning",
                       f"rule {row.id} can never decide the result under {model.policy}: {reason}",
                       [row.id, *involved])


def _priorities(model: TableModel) -> dict[str, tuple | None]:
    """Each rule's priority (lower wins): ranks of its outputs in allowedValues; None when computed."""
    ranked = [(position, column) for position, column in enumerate(model.compiled.outputs) if column.allowed]
    priorities = {}
    for rule in model.compiled.rules:
        cells = [rule.outputs[position] for position, _ in ranked]
        computed = any(cell.compute is not None for cell in cells)
        priorities[rule.id] = None if computed else tuple(
            column.rank(cell.constant) for cell, (_, column) in zip(cells, ranked, strict=True))
    return priorities


def _winners_over(row: Row, rows: list[Row], ranks: dict) -> list[Row]:
    mine = ranks[row.id]
    if mine is None:
        return []
    return [other for other in rows if other is not row and not other.opaque and ranks[other.id] is not None
            and (ranks[other.id], other.position) < (mine, row.position)]
