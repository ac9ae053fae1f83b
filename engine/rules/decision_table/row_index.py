"""An index over equality-tested input columns, so evaluation does not scan every row.

Rows are bits of a Python int. For each indexed column the index keeps, per literal key,
the rows whose cell lists that literal, plus the rows whose cell is anything else (``-``,
ranges, comparisons, JsonLogic): those rows stay candidates for every value. Candidate
rows are the AND over the indexed columns; the caller still checks each candidate's other
cells, so results equal a linear scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexedColumn:
    column: int
    rows_by_key: dict
    other_rows: int


class RowIndex:
    """Candidate-row lookup over the equality cells of a table."""

    def __init__(self, rows_cells: Sequence[Sequence], column_count: int):
        self.all_rows = (1 << len(rows_cells)) - 1
        self.columns = tuple(
            column for column in (_index_column(rows_cells, c) for c in range(column_count)) if column
        )
        self.indexed = frozenset(column.column for column in self.columns)

    def candidates(self, keys: Sequence) -> int:
        """Bit set of rows that may match, given each column's equality key."""
        rows = self.all_rows
        for column in self.columns:
            rows &= column.rows_by_key.get(keys[column.column], 0) | column.other_rows
            if not rows:
                break
        return rows


def _index_column(rows_cells: Sequence[Sequence], column: int) -> IndexedColumn | None:
    rows_by_key: dict = defaultdict(int)
    other_rows = 0
    for row, cells in enumerate(rows_cells):
        cell = cells[column]
        if cell.equality_keys is None:
            other_rows |= 1 << row
            continue
        for key in cell.equality_keys:
            rows_by_key[key] |= 1 << row
    if not rows_by_key:
        return None
    return IndexedColumn(column, dict(rows_by_key), other_rows)


def iter_bits(rows: int) -> Iterator[int]:
    """Row numbers of the set bits, ascending."""
    while rows:
        lowest = rows & -rows
        yield lowest.bit_length() - 1
        rows ^= lowest
