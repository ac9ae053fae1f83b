"""Grouping a file's rows into the units an import takes or rejects whole: an order (its adjacent rows with
one order key, or one JSON line), or a row that cannot be read. Each unit comes with where the next starts,
so a chunk that ends after it can commit its resume point."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from engine.kinds.import_mapping import CompiledMapping, MappedOrder, Row, RowProblem

from .readers import Position, RawRow


@dataclass(frozen=True)
class Unit:
    """An order mapped from its rows (``order``), or an unreadable row (``order`` None, ``problem`` set)."""

    rows: tuple[RawRow, ...]
    order: MappedOrder | None = None

    @property
    def first_row(self) -> int:
        return self.rows[0].number

    @property
    def cells(self) -> dict[int, dict[str, str] | None]:
        return {row.number: row.values for row in self.rows}


def units(rows: Iterable[RawRow], mapping: CompiledMapping | None) -> Iterator[tuple[Unit, Position | None]]:
    """Each unit of ``rows`` with the start of the next (None after the last); ``mapping`` None: JSON Lines."""
    pending: list[RawRow] = []
    pending_key: str | None = None
    for row in rows:
        key = _key(row, mapping)
        if pending and (key is None or key != pending_key):
            yield _unit(pending, pending_key, mapping), row.start
            pending = []
        pending.append(row)
        pending_key = key
    if pending:
        yield _unit(pending, pending_key, mapping), None


def _key(row: RawRow, mapping: CompiledMapping | None) -> str | None:
    """The order key grouping the row (None: the row stands alone)."""
    if row.problem or mapping is None:
        return None
    return (row.values.get(mapping.order_key) or "").strip() or None


def _unit(rows: list[RawRow], key: str | None, mapping: CompiledMapping | None) -> Unit:
    first = rows[0]
    if first.problem:
        return Unit(tuple(rows), MappedOrder("", (first.number,), {}, (RowProblem(first.number, None, first.problem),)))
    if mapping is None:
        return Unit(tuple(rows), json_order(first))
    if key is None:
        return Unit(tuple(rows), mapping.keyless(Row(first.number, first.values)))
    return Unit(tuple(rows), mapping.build(key, [Row(row.number, row.values) for row in rows]))


def json_order(row: RawRow) -> MappedOrder:
    """A JSON line as an order: its ``externalId`` is its key (required, so a re-import creates nothing twice)."""
    document = row.document
    if not isinstance(document, dict):
        return _refused(row, f"line {row.number}: a TMF622 ProductOrder (a JSON object) per line")
    key = document.get("externalId")
    if not isinstance(key, str) or not key.strip():
        return _refused(row, f"line {row.number}: externalId is required to import an order (it keeps a "
                             "re-import from creating the order twice)")
    items = document.get("productOrderItem")
    count = len(items) if isinstance(items, list) and items else 1
    return MappedOrder(key.strip(), (row.number,) * count, document)


def _refused(row: RawRow, message: str) -> MappedOrder:
    return MappedOrder("", (row.number,), {}, (RowProblem(row.number, None, message),))
