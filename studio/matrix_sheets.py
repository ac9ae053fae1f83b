"""Pricing matrix cells in and out of CSV and XLSX: one row per cell.

::

        A     B           C        D
    1   id    bandwidth   region   amount        (id optional, blank: c<n>)
    2   c1    100         north    30.00
    3   c2    500         north    45.00

Row 1 names the dimensions (in order) between ``id`` (optional) and ``amount``. An import replaces the
matrix's dimensions and cells and keeps the rest (currency, price type, default ...): a dimension the
matrix already has keeps its path, type and values (values seen in the cells are added); a new one gets
its values from the cells (``number`` when all of them are numbers). Amounts stay exact decimal text.
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from openpyxl import Workbook, load_workbook

from engine.kinds import validate_document
from engine.rules.spreadsheet.layout import cell_ref
from studio.tables import TableImportError, csv_text, sheet_problem

AMOUNT = NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
CELL_POINTER = re.compile(r"^/body/cells/(\d+)(?:/(key)/(\d+)|/(amount)|/(id))?")


def grid_of(body: dict) -> list[list]:
    """The matrix as rows of cell values (header first)."""
    names = [d.get("name") for d in body.get("dimensions", [])]
    rows = [["id", *names, "amount"]]
    for cell in body.get("cells", []):
        rows.append([cell.get("id", ""), *cell.get("key", []), str(cell.get("amount"))])
    return rows


def export_matrix(fmt: str, key: str, body: dict) -> bytes:
    """The matrix's cells as CSV text or an XLSX workbook with one sheet named after the key."""
    grid = grid_of(body)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(grid)
        return buffer.getvalue().encode()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = key[:31]
    for row in grid:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_matrix(fmt: str, data: bytes, document: dict, part: str | None = None) -> dict:
    """The matrix document with dimensions and cells read from ``data``; TableImportError listing every
    problem by sheet, row and column when a cell is unusable or the matrix does not validate."""
    sheet, grid = _read(fmt, data, part)
    reader = _GridReader(grid, sheet, document.get("body") or {})
    body = reader.body()
    if reader.problems:
        raise TableImportError(f"the {fmt} matrix has {len(reader.problems)} problem(s)", reader.problems)
    candidate = {**document, "body": body}
    problems = [reader.locate(i.pointer, i.code, i.message) for i in validate_document(candidate)
                if i.pointer.startswith("/body")]
    if problems:
        raise TableImportError(f"the imported matrix is not valid: {len(problems)} problem(s)", problems)
    return candidate


def _read(fmt: str, data: bytes, part: str | None) -> tuple[str | None, list[list]]:
    if fmt == "csv":
        return None, [list(row) for row in csv.reader(io.StringIO(csv_text(data)))]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is no workbook
        raise TableImportError("not an XLSX workbook", [
            {"pointer": "", "code": "bad_workbook", "message": f"not an XLSX workbook: {error}"}]) from error
    names = workbook.sheetnames
    if part is None and len(names) != 1 or part is not None and part not in names:
        workbook.close()
        raise TableImportError(f"the workbook holds sheets {names}: name the one to import", [
            {"pointer": "", "code": "part", "message": f"name one of the sheets {names}"}])
    sheet = workbook[part or names[0]]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return sheet.title, grid


class _GridReader:
    def __init__(self, grid: list[list], sheet: str | None, current: dict):
        while grid and all(_blank(v) for v in grid[-1]):
            grid = grid[:-1]
        self.grid = grid
        self.sheet, self.current, self.problems = sheet, current, []
        self.header = [str(v).strip() if v is not None else "" for v in (self.grid[0] if self.grid else [])]

    def problem(self, row: int, column: int, code: str, message: str, pointer: str = "") -> dict:
        issue = sheet_problem({"cell": cell_ref(self.sheet, row, column), "code": code, "message": message,
                               "pointer": pointer})
        self.problems.append(issue)
        return issue

    def body(self) -> dict:
        if "amount" not in self.header:
            self.problem(0, len(self.header), "bad_layout", "row 1 needs an 'amount' column")
            return dict(self.current)
        self.id_column = self.header.index("id") if "id" in self.header else None
        self.amount_column = self.header.index("amount")
        self.dimension_columns = [c for c, name in enumerate(self.header)
                                  if c not in (self.id_column, self.amount_column) and name]
        if not self.dimension_columns:
            self.problem(0, 0, "bad_layout", "row 1 names no dimension")
        cells = [self.cell(row) for row in range(1, len(self.grid))]
        for position, column in enumerate(self.dimension_columns):
            if not self._spec(self.header[column]):
                _numbers_if_all_are(cells, position)
        dimensions = [self.dimension(column, [cell["key"][i] for cell in cells])
                      for i, column in enumerate(self.dimension_columns)]
        return {**self.current, "dimensions": dimensions, "cells": cells}

    def cell(self, row: int) -> dict:
        values = self.grid[row] + [None] * (len(self.header) - len(self.grid[row]))
        cell: dict = {}
        if self.id_column is not None and not _blank(values[self.id_column]):
            cell["id"] = str(values[self.id_column]).strip()
        cell["key"] = [self.key_value(row, column, values[column]) for column in self.dimension_columns]
        cell["amount"] = self.amount(row, values[self.amount_column])
        return cell

    def key_value(self, row: int, column: int, value: object) -> object:
        if _blank(value):
            self.problem(row, column, "required", f"a value of {self.header[column]} is needed",
                         f"/body/cells/{row - 1}/key/{self.dimension_columns.index(column)}")
            return ""
        text = str(value).strip()
        if isinstance(value, int | float) and not isinstance(value, bool) and NUMBER.match(text):
            return _number(text)
        if self._spec(self.header[column]).get("type") == "number":
            if NUMBER.match(text):
                return _number(text)
            self.problem(row, column, "not_a_number", f"{text!r} is not a number",
                         f"/body/cells/{row - 1}/key/{self.dimension_columns.index(column)}")
        return text

    def amount(self, row: int, value: object) -> str:
        text = str(value if value is not None else "").strip()
        if not AMOUNT.match(text):
            self.problem(row, self.amount_column, "bad_amount", f"{text!r} is not a decimal amount such as 49.90",
                         f"/body/cells/{row - 1}/amount")
        return text

    def dimension(self, column: int, seen: list) -> dict:
        name = self.header[column]
        spec = dict(self._spec(name)) or {"name": name}
        values = list(spec.get("values", []))
        known = {str(v) for v in values}
        for value in seen:
            if str(value) not in known and value != "":
                values.append(value)
                known.add(str(value))
        if "type" not in spec and values and all(isinstance(v, int | float) for v in values):
            spec["type"] = "number"
        return {**spec, "values": values}

    def _spec(self, name: str) -> dict:
        return next((d for d in self.current.get("dimensions", []) if d.get("name") == name), {})

    def locate(self, pointer: str, code: str, message: str) -> dict:
        """A validation issue of the imported body at the sheet cell it came from (else at the header)."""
        found = CELL_POINTER.match(pointer)
        if not found:
            column = self._dimension_of(pointer)
            return sheet_problem({"cell": cell_ref(self.sheet, 0, column), "code": code, "message": message,
                                  "pointer": pointer})
        row = int(found.group(1)) + 1
        if found.group(2):
            column = self.dimension_columns[int(found.group(3))]
        elif found.group(4):
            column = self.amount_column
        else:
            column = self.id_column if self.id_column is not None else 0
        return sheet_problem({"cell": cell_ref(self.sheet, row, column), "code": code, "message": message,
                              "pointer": pointer})

    def _dimension_of(self, pointer: str) -> int:
        found = re.match(r"^/body/dimensions/(\d+)", pointer)
        index = int(found.group(1)) if found else None
        return self.dimension_columns[index] if index is not None and index < len(self.dimension_columns) else 0


def _numbers_if_all_are(cells: list[dict], position: int) -> None:
    """Key values of a new dimension become numbers when every one of them is one."""
    if all(NUMBER.match(str(cell["key"][position])) for cell in cells):
        for cell in cells:
            cell["key"][position] = _number(str(cell["key"][position]))


def _blank(value: object) -> bool:
    return value is None or isinstance(value, str) and not value.strip()


def _number(text: str) -> int | str:
    """A plain decimal numeral as an int when whole (``"100"`` -> 100), else kept as exact text."""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else text
