"""Reading an import file as a stream of rows, each with where it starts, so a run can resume after a crash.

A file is read in constant memory whatever its size: CSV and JSON Lines line by line (a position is the byte
offset of a row's first line), XLSX through openpyxl's read-only mode (a position is the sheet row).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from engine.json_depth import json_depth

XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_LINE_BYTES = 1_000_000
MAX_CELL_CHARS = 100_000
MAX_JSON_DEPTH = 64
FORMULA_STARTS = ("=", "+", "-", "@")


class FileProblem(ValueError):
    """The file as a whole cannot be read (not the format, no header, columns the mapping needs missing)."""


@dataclass(frozen=True)
class Position:
    """Where a row starts: its number (the header is row 1) and, for CSV and JSON Lines, its byte offset."""

    row: int
    offset: int


@dataclass(frozen=True)
class RawRow:
    """A row read from the file: its cells by column (CSV, XLSX) or its parsed order (JSON Lines), or why not."""

    start: Position
    values: dict[str, str] | None = None
    document: object = None
    problem: str | None = None

    @property
    def number(self) -> int:
        return self.start.row


def header(path: Path, file_format: str, *, delimiter: str = ",", encoding: str = "utf-8-sig",
           sheet: str | None = None) -> list[str]:
    """The column names of a CSV or XLSX file (its first row), or FileProblem."""
    if file_format == "xlsx":
        with _workbook(path) as book:
            names = next(_sheet(book, sheet).iter_rows(max_row=1, values_only=True), None)
            return _names([_text(cell) for cell in names or ()])
    with path.open("rb") as stream:
        first = next(_csv_records(stream, delimiter, encoding, 0, 1), None)
    if first is None or first.values is None:
        raise FileProblem(first.problem if first else "the file is empty: a header row naming the columns comes first")
    return _names(list(first.values))


def read(path: Path, file_format: str, start: Position | None = None, *, delimiter: str = ",",
         encoding: str = "utf-8-sig", sheet: str | None = None) -> Iterator[RawRow]:
    """The rows after the header (or from ``start``); each problem row is yielded with its reason."""
    if file_format == "jsonl":
        yield from _jsonl(path, start or Position(1, 0))
        return
    names = header(path, file_format, delimiter=delimiter, encoding=encoding, sheet=sheet)
    if file_format == "xlsx":
        yield from _xlsx(path, names, sheet, start.row if start else 2)
        return
    with path.open("rb") as stream:
        offset = start.offset if start else _header_end(stream, delimiter, encoding)
        row = start.row if start else 2
        stream.seek(offset)
        for record in _csv_records(stream, delimiter, encoding if offset == 0 else _plain(encoding), offset, row):
            yield _cells(record, names)


def _names(cells: list[str]) -> list[str]:
    names = [cell.strip() for cell in cells]
    if not any(names):
        raise FileProblem("the first row must name the columns")
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        raise FileProblem(f"the header names column(s) {', '.join(map(repr, duplicates))} more than once")
    return names


def _plain(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _header_end(stream, delimiter: str, encoding: str) -> int:
    stream.seek(0)
    first = next(_csv_records(stream, delimiter, encoding, 0, 1), None)
    return first.offset_after if first else 0


@dataclass(frozen=True)
class _Record:
    start: Position
    offset_after: int
    values: list[str] | None
    problem: str | None = None


def _csv_records(stream, delimiter: str, encoding: str, offset: int, row: int) -> Iterator[_Record]:
    """CSV records with their byte span: csv.reader pulls one line at a time, so after each record the bytes
    consumed are exactly those of the record's lines."""
    lines = _Lines(stream, encoding, offset)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        begin = lines.consumed
        try:
            values = next(reader)
        except StopIteration:
            return
        except (csv.Error, _BadLine) as error:
            reason = f"not valid CSV ({error})" if isinstance(error, csv.Error) else str(error)
            yield _Record(Position(row, begin), lines.consumed, None, f"row {row}: {reason}")
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
        else:
            if any(cell.strip() for cell in values):
                yield _Record(Position(row, begin), lines.consumed, values)
        row += 1


class _BadLine(ValueError):
    pass


class _Lines:
    """The decoded lines of a binary stream, counting the bytes handed out (``consumed``)."""

    def __init__(self, stream, encoding: str, offset: int):
        self.stream, self.encoding, self.consumed = stream, encoding, offset

    def __iter__(self):
        return self

    def __next__(self) -> str:
        raw = self.stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            raise StopIteration
        self.consumed += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            self.skip_to_line_end()
            raise _BadLine(f"a line longer than {MAX_LINE_BYTES:,} bytes")
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError:
            raise _BadLine(f"not valid {self.encoding} text (set the mapping's encoding)") from None

    def skip_to_line_end(self) -> None:
        while True:
            raw = self.stream.readline(MAX_LINE_BYTES)
            self.consumed += len(raw)
            if not raw or raw.endswith(b"\n"):
                return


def _cells(record: _Record, names: list[str]) -> RawRow:
    if record.values is None:
        return RawRow(record.start, problem=record.problem)
    values = record.values
    if len(values) > len(names) and any(cell.strip() for cell in values[len(names):]):
        return RawRow(record.start, problem=f"row {record.start.row} has {len(values)} cells, the header names "
                                            f"{len(names)} columns")
    too_long = next((name for name, cell in zip(names, values, strict=False) if len(cell) > MAX_CELL_CHARS), None)
    if too_long is not None:
        return RawRow(record.start, problem=f"row {record.start.row}, column {too_long!r}: longer than "
                                            f"{MAX_CELL_CHARS:,} characters")
    return RawRow(record.start, values={name: _unquoted(values[i]) if i < len(values) else ""
                                        for i, name in enumerate(names) if name})


def _unquoted(cell: str) -> str:
    """A cell a rejects file protected from running as a formula ('=…) read back as written (=…)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell


def _jsonl(path: Path, start: Position) -> Iterator[RawRow]:
    with path.open("rb") as stream:
        stream.seek(start.offset)
        lines, row = _Lines(stream, "utf-8", start.offset), start.row
        while True:
            begin = lines.consumed
            try:
                line = next(lines)
            except StopIteration:
                return
            except _BadLine as error:
                yield RawRow(Position(row, begin), problem=f"line {row}: {error}")
            else:
                if line.strip():
                    yield _json_row(Position(row, begin), line)
            row += 1


def _json_row(start: Position, line: str) -> RawRow:
    if json_depth(line) > MAX_JSON_DEPTH:
        return RawRow(start, problem=f"line {start.row}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        document = json.loads(line, parse_constant=_refuse_constant)
    except ValueError as error:
        return RawRow(start, problem=f"line {start.row}: not valid JSON ({error})")
    return RawRow(start, document=document)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _workbook(path: Path):
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(f"not an XLSX workbook ({type(error).__name__})") from None
    return closing(book)


def _sheet(book, name: str | None):
    if name is None:
        return book.worksheets[0]
    if name not in book.sheetnames:
        raise FileProblem(f"the workbook has no sheet {name!r} (it has {', '.join(book.sheetnames)})")
    return book[name]


def _xlsx(path: Path, names: list[str], sheet: str | None, first_row: int) -> Iterator[RawRow]:
    with _workbook(path) as book:
        for number, cells in enumerate(_sheet(book, sheet).iter_rows(min_row=first_row, values_only=True),
                                       start=first_row):
            texts = [_text(cell) for cell in cells]
            if any(texts):
                yield _cells(_Record(Position(number, number), number + 1, texts), names)


def _text(cell) -> str:
    """A cell's value as the text a CSV would hold (dates ISO, whole numbers without ``.0``)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat() if cell.time() != time(0) else cell.date().isoformat()
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    """``rows`` as CSV text (for rejects files and tests)."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()
