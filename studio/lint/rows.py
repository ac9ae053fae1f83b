"""Rows as boxes: one value set per input column (``None`` for an opaque JsonLogic cell)."""

from __future__ import annotations

from dataclasses import dataclass

from .columns import Column, cell_set
from .value_sets import ValueSet

Box = tuple[ValueSet, ...]


class TooComplex(Exception):
    """Splitting boxes went past the work limit."""


@dataclass(frozen=True)
class Row:
    """A rule for lint: id, position, cell sets (None = opaque), raw input and output entries."""

    id: str
    position: int
    cells: tuple[ValueSet | None, ...]
    entries: tuple
    outputs: tuple

    @property
    def opaque(self) -> bool:
        """True when some cell is JsonLogic (lint cannot reason about it)."""
        return any(cell is None for cell in self.cells)

    def widened(self, columns: list[Column]) -> Box:
        """The row's box with opaque cells replaced by the whole column (a superset)."""
        return tuple(column.universe if cell is None else cell for cell, column in zip(self.cells, columns, strict=True))


def row_for(rule: dict, position: int, columns: list[Column]) -> Row:
    """The lint view of one rule of a body that compiles."""
    cells = tuple(None if isinstance(cell, dict) else cell_set(column, cell)
                  for cell, column in zip(rule["inputEntries"], columns, strict=True))
    return Row(rule.get("id", f"r{position + 1}"), position, cells, tuple(rule["inputEntries"]),
               tuple(rule["outputEntries"]))


def meet(left: Box, right: Box) -> Box | None:
    """The intersection of two boxes, or None when they are disjoint."""
    cells = tuple(a & b for a, b in zip(left, right, strict=True))
    return None if any(cell.empty for cell in cells) else cells


def subtract(box: Box, other: Box) -> list[Box]:
    """Disjoint boxes covering ``box`` minus ``other``."""
    if meet(box, other) is None:
        return [box]
    pieces, prefix = [], list(box)
    for column, (mine, theirs) in enumerate(zip(box, other, strict=True)):
        rest = mine - theirs
        if not rest.empty:
            pieces.append(tuple(prefix[:column]) + (rest,) + box[column + 1:])
        prefix[column] = mine & theirs
    return pieces


def uncovered(box: Box, covers: list[Box], limit: int = 5000) -> list[Box]:
    """The parts of ``box`` that none of ``covers`` contains; raises TooComplex past ``limit`` pieces."""
    remaining = [box]
    for cover in covers:
        remaining = [piece for part in remaining for piece in subtract(part, cover)]
        if len(remaining) > limit:
            raise TooComplex(f"more than {limit} pieces")
        if not remaining:
            break
    return remaining
