"""A decision table to and from CSV text (same layout as a sheet, cell references like B4)."""

from __future__ import annotations

import csv
import io

from .convert import body_from_grid, checked
from .layout import grid_from_body


def export_csv(body: dict) -> str:
    """The table as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in grid_from_body(body):
        writer.writerow(["" if value is None else _text(value) for value in row])
    return buffer.getvalue()


def _text(value: object) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def import_csv(text: str) -> dict:
    """The table body from CSV text; raises SheetError with cell references (``B4``)."""
    grid = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text))]
    return checked({"": body_from_grid(grid, None)})[""]
