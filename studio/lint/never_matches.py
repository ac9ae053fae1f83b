"""Rows with a cell that no value can satisfy."""

from __future__ import annotations

from .finding import LintFinding
from .model import TableModel, rule_pointer


def never_matching(model: TableModel) -> list[LintFinding]:
    """An error for each cell that accepts no value of its column (e.g. ``> 5`` over allowed 1, 2, 3)."""
    findings = []
    for row in model.rows:
        for position, (cell, column) in enumerate(zip(row.cells, model.columns, strict=True)):
            if cell is not None and cell.empty:
                findings.append(LintFinding(
                    f"{rule_pointer(row)}/inputEntries/{position}", "never_matches", "error",
                    f"rule {row.id} can never match: no value of {column.name} passes this cell", [row.id]))
    return findings
