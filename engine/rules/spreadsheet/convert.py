"""Grid ↔ body conversion with validation: bad sheets report cell references."""

from __future__ import annotations

from engine.rules.decision_table import DecisionTableError, compile_table

from .errors import SheetError, SheetIssue
from .layout import GridReader


def body_from_grid(grid: list[list], sheet: str | None) -> tuple[dict, list[SheetIssue]]:
    """Read and compile-check one sheet; returns the body and its issues (cell-referenced)."""
    if len(grid) < 2:
        return {}, [SheetIssue(f"{sheet}!A1" if sheet else "A1", "bad_layout", "the sheet has no table header")]
    reader = GridReader(grid, sheet)
    body = reader.body()
    if reader.issues:
        return body, reader.issues
    try:
        compile_table(body)
    except DecisionTableError as error:
        return body, [SheetIssue(reader.cell_for(i.pointer), i.code, i.message, i.pointer) for i in error.issues]
    return body, []


def checked(results: dict[str, tuple[dict, list[SheetIssue]]]) -> dict[str, dict]:
    """The bodies, or a SheetError holding every issue of every sheet."""
    issues = [issue for _, sheet_issues in results.values() for issue in sheet_issues]
    if issues:
        raise SheetError(issues)
    return {name: body for name, (body, _) in results.items()}
