"""A dry run's first look: the first orders of a file as the mapping builds them, each with its problems,
checked as an import checks them; nothing is stored (the caller rolls the transaction back)."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from engine.imports.readers import read
from engine.imports.units import units
from engine.kinds.import_mapping import CompiledMapping, RowProblem
from engine.runtime.context import UnitOfWork
from engine.runtime.imports.checks import order_problems, reject_rows
from engine.runtime.packs import active_pack, pack_view

PREVIEW_ORDERS = 20


@dataclass(frozen=True)
class PreviewedOrder:
    key: str
    rows: tuple[int, ...]
    payload: dict
    problems: tuple[RowProblem, ...]


def preview(uow: UnitOfWork, path: Path, file_format: str, mapping: CompiledMapping | None,
            limit: int = PREVIEW_ORDERS) -> list[PreviewedOrder]:
    """The first ``limit`` orders (or unreadable rows) of the file, built and checked."""
    options = dict(delimiter=mapping.delimiter, encoding=mapping.encoding, sheet=mapping.sheet) if mapping else {}
    view = pack_view(uow.session, active_pack(uow.session).id)
    found = []
    for unit, _ in islice(units(read(path, file_format, **options), mapping), limit):
        order = unit.order
        problems = list(order.problems) or order_problems(uow, view, order)[0]
        rows = tuple(row.number for row in unit.rows)
        found.append(PreviewedOrder(order.key, rows, order.payload,
                                    tuple(reject_rows(unit, problems)) if problems else ()))
    return found
