"""Where a finding's JSON pointer lands in a decision table grid: row, rule id, column."""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE = re.compile(r"^/body/rules/(\d+)(?:/(inputEntries|outputEntries)/(\d+))?(?:/|$)")
COLUMN = re.compile(r"^/body/(inputs|outputs)/(\d+)(?:/|$)")
SIDES = {"inputEntries": ("input", "inputs"), "outputEntries": ("output", "outputs"),
         "inputs": ("input", "inputs"), "outputs": ("output", "outputs")}


@dataclass(frozen=True)
class GridPlace:
    """The grid cell (or row, or column) a pointer names; None where it names none."""

    row: int | None = None
    rule_id: str | None = None
    column: str | None = None
    side: str | None = None


def locate(document: dict, pointer: str) -> GridPlace:
    """The row index, rule id (``r<n>`` when the rule has none) and column name ``pointer`` points at, for a
    decision table document; an empty place for other kinds or pointers outside rules and columns."""
    body = document.get("body") if document.get("kind") == "decision_table" else None
    if not isinstance(body, dict):
        return GridPlace()
    found = RULE.match(pointer)
    if found:
        row = int(found.group(1))
        rules = body.get("rules") if isinstance(body.get("rules"), list) else []
        rule = rules[row] if row < len(rules) and isinstance(rules[row], dict) else {}
        side, name = _column(body, found.group(2), found.group(3))
        return GridPlace(row, str(rule.get("id", f"r{row + 1}")), name, side)
    found = COLUMN.match(pointer)
    if found:
        side, name = _column(body, found.group(1), found.group(2))
        return GridPlace(column=name, side=side)
    return GridPlace()


def _column(body: dict, member: str | None, position: str | None) -> tuple[str | None, str | None]:
    if member is None:
        return None, None
    side, columns = SIDES[member]
    specs = body.get(columns) if isinstance(body.get(columns), list) else []
    index = int(position)
    spec = specs[index] if index < len(specs) and isinstance(specs[index], dict) else {}
    name = spec.get("name")
    return side, name if isinstance(name, str) else None
