"""An import's rejects as a file to fix and import again: the rows it rejected, with their original cells and
an ``error`` column, in the file's own format (CSV with the mapping's delimiter, or XLSX); JSON Lines rejects
come as CSV (row, error, line). Streamed in batches, in row order."""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select

from api.read.imports import find_import
from engine.imports.readers import XLSX_MEDIA, FileProblem, csv_text, header
from engine.runtime.imports.mappings import published_mapping
from engine.store.models import ImportReject, OrderImport

BATCH = 1000
ERROR_COLUMN = "error"
XLSX = XLSX_MEDIA


def rejected_rows(reading: Callable, import_id: str) -> Iterator[tuple[int, dict | None, str]]:
    """(row, cells, every message of the row) in row order, read in batches of BATCH rejects."""
    after, pending = (-1, -1), None
    while True:
        with reading() as session:
            batch = session.execute(select(ImportReject.row, ImportReject.id, ImportReject.cells, ImportReject.message)
                                    .where(ImportReject.import_id == import_id,
                                           (ImportReject.row > after[0])
                                           | ((ImportReject.row == after[0]) & (ImportReject.id > after[1])))
                                    .order_by(ImportReject.row, ImportReject.id).limit(BATCH)).all()
        for row, reject_id, cells, message in batch:
            if pending and pending[0] == row:
                pending = (row, pending[1], pending[2] + "; " + message)
            else:
                if pending:
                    yield pending
                pending = (row, cells, message)
            after = (row, reject_id)
        if len(batch) < BATCH:
            break
    if pending:
        yield pending


def rejects_file(reading: Callable, import_id: str) -> tuple[Iterator[bytes], str, str]:
    """(content in pieces, media type, file name) of the import's rejects (NotFound for an unknown import)."""
    with reading() as session:
        record = find_import(session, import_id)
        session.expunge(record)
        mapping = published_mapping(session, record.mapping_key, record.mapping_version) \
            if record.mapping_key else None
    delimiter, sheet = (mapping.delimiter, mapping.sheet) if mapping else (",", None)
    stem = Path(record.file_name).stem
    rows = rejected_rows(reading, record.id)
    if record.format == "jsonl":
        return _csv(["row", ERROR_COLUMN, "line"], ((row, message, json.dumps((cells or {}).get("document")))
                                                    for row, cells, message in rows), ","), "text/csv", \
            f"{stem}-rejects.csv"
    names = _columns(record, delimiter, sheet)
    lines = ([*[(cells or {}).get(name, "") for name in names], message] for _, cells, message in rows)
    if record.format == "xlsx":
        return iter([_xlsx([*names, ERROR_COLUMN], lines)]), XLSX, f"{stem}-rejects.xlsx"
    return _csv([*names, ERROR_COLUMN], lines, delimiter), "text/csv", f"{stem}-rejects.csv"


def _columns(record: OrderImport, delimiter: str, sheet: str | None) -> list[str]:
    try:
        return [name for name in header(Path(record.file_path), record.format, delimiter=delimiter, sheet=sheet)
                if name and name != ERROR_COLUMN]
    except (FileProblem, OSError):
        return []


def _csv(names: list[str], lines, delimiter: str) -> Iterator[bytes]:
    yield ("\ufeff" + csv_text([names], delimiter)).encode()
    chunk = []
    for line in lines:
        chunk.append([_safe(cell) for cell in line])
        if len(chunk) >= BATCH:
            yield csv_text(chunk, delimiter).encode()
            chunk = []
    if chunk:
        yield csv_text(chunk, delimiter).encode()


def _safe(cell) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): a leading = + - @ is quoted with '."""
    text = "" if cell is None else str(cell)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _xlsx(names: list[str], lines) -> bytes:
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("rejects")
    sheet.append(names)
    for line in lines:
        sheet.append([_safe(cell) for cell in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
