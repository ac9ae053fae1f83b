"""Decision tables in and out of the formats business analysts use: DMN XML, XLSX, CSV.

``export_table`` / ``import_table`` work on bytes (the HTTP API); ``read_table`` / ``write_table`` on files
(the CLI). Import problems come back together in one ``TableImportError`` whose ``problems`` each carry a
JSON pointer into the table body, and for spreadsheets the sheet, row (1-based) and column (letters).
"""
from __future__ import annotations

import re
from pathlib import Path

from engine.rules.decision_table import DecisionTableError, compile_table
from engine.rules.dmn import DmnError, export_dmn, import_dmn
from engine.rules.spreadsheet import SheetError, export_csv, export_xlsx, import_csv, import_xlsx
from studio.errors import Invalid

FORMATS = {".dmn": "dmn", ".xml": "dmn", ".xlsx": "xlsx", ".csv": "csv"}
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"dmn": "application/dmn+xml", "xlsx": XLSX_MEDIA_TYPE, "csv": "text/csv"}
"""What an export answers, per format."""
ACCEPTED_MEDIA_TYPES = {"dmn": ("application/dmn+xml", "application/xml", "text/xml"),
                        "xlsx": (XLSX_MEDIA_TYPE, "application/octet-stream"), "csv": ("text/csv", "text/plain")}
"""What an import accepts as Content-Type, per format."""
CELL = re.compile(r"^(?:(?P<sheet>.+)!)?(?P<column>[A-Z]+)(?P<row>\d+)$")


class TableImportError(Invalid):
    """A file that is not a usable table; ``errors`` lists every problem with where it is."""

    def __init__(self, message: str, problems: list[dict]):
        super().__init__(message, errors=problems)
        self.problems = problems


def table_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError as error:
        raise Invalid(f"{path.name}: unknown table format; use one of {sorted(FORMATS)}") from error


def export_table(fmt: str, key: str, title: str, body: dict) -> bytes:
    """The table body as a DMN document, an XLSX workbook (one sheet named after the key) or CSV."""
    if fmt == "csv":
        return export_csv(body).encode()
    if fmt == "xlsx":
        return export_xlsx({key[:31]: body})
    return export_dmn(body, key.replace(".", "_"), title).encode()


def import_table(fmt: str, data: bytes, part: str | None = None) -> tuple[str | None, dict]:
    """(name, body) of the table in ``data``; ``part`` picks a DMN decision or an XLSX sheet. The body
    compiles; otherwise TableImportError with every problem located."""
    try:
        if fmt == "csv":
            return None, import_csv(csv_text(data))
        tables = import_xlsx(data) if fmt == "xlsx" else _dmn_tables(data)
    except SheetError as error:
        raise TableImportError(f"the {fmt} table has {len(error.issues)} problem(s)",
                               [sheet_problem(i.as_dict()) for i in error.issues]) from error
    except DmnError as error:
        raise TableImportError("the DMN document cannot be read", [
            {"pointer": error.pointer, "code": error.code, "message": error.message,
             "decision": error.decision}]) from error
    return _pick(tables, part)


def csv_text(data: bytes) -> str:
    """A CSV file's text (UTF-8, with or without a BOM); TableImportError when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableImportError("the CSV is not UTF-8", [
            {"pointer": "", "code": "encoding", "message": f"not UTF-8 at byte {error.start}"}]) from error


def _dmn_tables(data: bytes) -> dict[str, dict]:
    tables = {}
    for decision_id, name, body in import_dmn(data):
        try:
            compile_table(body)
        except DecisionTableError as error:
            raise TableImportError(f"decision {decision_id!r} does not compile", [
                {"pointer": i.pointer, "code": i.code, "message": i.message, "decision": decision_id}
                for i in error.issues]) from error
        tables[name or decision_id] = body
    return tables


def _pick(tables: dict[str, dict], part: str | None) -> tuple[str, dict]:
    if part is None and len(tables) == 1:
        return next(iter(tables.items()))
    if part not in tables:
        which = "holds no decision table" if not tables else f"holds {sorted(tables)}: name the one to import"
        raise TableImportError(f"the file {which}", [
            {"pointer": "", "code": "part", "message": f"the file {which}"}])
    return part, tables[part]


def sheet_problem(issue: dict) -> dict:
    """A spreadsheet issue (``cell`` like ``Sheet1!B4``) with ``sheet``, ``row`` and ``column`` split out."""
    found = CELL.match(issue.get("cell") or "")
    where = {"sheet": found["sheet"], "row": int(found["row"]), "column": found["column"]} if found else \
        {"sheet": None, "row": None, "column": None}
    return {**issue, **where}


def read_table(path: Path, part: str | None = None) -> tuple[str, dict]:
    """(name, decision_table body) from a file; ``part`` picks a DMN decision or an XLSX sheet."""
    fmt = table_format(path)
    if fmt == "csv":
        return path.stem, import_csv(path.read_text())
    if fmt == "xlsx":
        tables = import_xlsx(path.read_bytes())
    else:
        tables = {name or decision_id: body for decision_id, name, body in import_dmn(path.read_text())}
    if part is None and len(tables) == 1:
        return next(iter(tables.items()))
    if part not in tables:
        raise Invalid(f"{path.name} holds {sorted(tables)}: name the one to import")
    return part, tables[part]


def table_document(key: str, title: str, body: dict) -> dict:
    return {"kind": "decision_table", "key": key, "schemaVersion": 1, "title": title, "body": body, "tests": []}


def write_table(path: Path, key: str, title: str, body: dict) -> None:
    path.write_bytes(export_table(table_format(path), key, title, body))
