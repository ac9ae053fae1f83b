"""Overlapping rows under UNIQUE (any overlap) and ANY (overlap with different outputs)."""

from __future__ import annotations

from .describe import box_text, describe_box
from .finding import LintFinding
from .model import TableModel, rule_pointer
from .rows import Row, meet


def overlaps(model: TableModel) -> list[LintFinding]:
    """Errors for row pairs that can match one input together; info where JsonLogic hides the answer."""
    if model.policy not in ("UNIQUE", "ANY"):
        return []
    findings = []
    for later_index, later in enumerate(model.rows):
        undecided = []
        for earlier in model.rows[:later_index]:
            if model.policy == "ANY" and _same_outputs(earlier, later):
                continue
            finding = _pair(model, earlier, later)
            if finding == "undecided":
                undecided.append(earlier.id)
            elif finding:
                findings.append(finding)
        if undecided:
            findings.append(_cannot_decide(later, undecided))
    return findings


def _same_outputs(first: Row, second: Row) -> bool:
    computed = any(isinstance(cell, dict) for cell in first.outputs + second.outputs)
    return not computed and first.outputs == second.outputs


def _pair(model: TableModel, earlier: Row, later: Row) -> LintFinding | str | None:
    known = [(a, b) for a, b in zip(earlier.cells, later.cells, strict=True) if a is not None and b is not None]
    if any((a & b).empty for a, b in known):
        return None
    if earlier.opaque or later.opaque:
        return "undecided"
    both = meet(earlier.cells, later.cells)
    what = "with different outputs " if model.policy == "ANY" else ""
    return LintFinding(
        rule_pointer(later), "overlap", "error",
        f"rules {earlier.id} and {later.id} both match {what}when {box_text(both, model.columns)}"
        f" (hit policy {model.policy})",
        [earlier.id, later.id], [describe_box(both, model.columns)])


def _cannot_decide(row: Row, others: list[str]) -> LintFinding:
    return LintFinding(
        rule_pointer(row), "overlap_undecided", "info",
        f"cannot decide whether rule {row.id} overlaps {', '.join(others)}: JsonLogic cells are not analysed",
        [row.id, *others])
