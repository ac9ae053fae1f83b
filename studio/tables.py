"""Decision tables in and out of the formats business analysts use: DMN XML, XLSX, CSV."""
from __future__ import annotations

from pathlib import Path

from engine.rules.dmn import export_dmn, import_dmn
from engine.rules.spreadsheet import export_csv, export_xlsx, import_csv, import_xlsx
from studio.errors import Invalid

FORMATS = {".dmn": "dmn", ".xml": "dmn", ".xlsx": "xlsx", ".csv": "csv"}


def table_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError as error:
        raise Invalid(f"{path.name}: unknown table format; use one of {sorted(FORMATS)}") from error


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
    fmt = table_format(path)
    if fmt == "csv":
        path.write_text(export_csv(body))
    elif fmt == "xlsx":
        path.write_bytes(export_xlsx({key[:31]: body}))
    else:
        path.write_text(export_dmn(body, key.replace(".", "_"), title))
