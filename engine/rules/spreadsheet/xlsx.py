"""Decision tables to and from XLSX workbooks: one table per sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from .convert import body_from_grid, checked
from .errors import SheetError, SheetIssue
from .layout import grid_from_body


def export_xlsx(tables: dict[str, dict]) -> bytes:
    """A workbook with one sheet per table (sheet title = the dict key, at most 31 characters)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, body in tables.items():
        sheet = workbook.create_sheet(title=name)
        for row in grid_from_body(body):
            sheet.append([None] * len(row))
            for column, value in enumerate(row, start=1):
                _write(sheet.cell(row=sheet.max_row, column=column), value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(cell, value: object) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def import_xlsx(data: bytes) -> dict[str, dict]:
    """Every sheet as a decision table body; raises SheetError with ``Sheet!B4`` references."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise SheetError([SheetIssue("", "bad_workbook", f"not an XLSX workbook: {exc}")]) from exc
    results = {}
    for sheet in workbook.worksheets:
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        results[sheet.title] = body_from_grid(grid, sheet.title)
    workbook.close()
    return checked(results)
