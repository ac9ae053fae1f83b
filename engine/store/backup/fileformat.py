"""The backup file: JSON Lines, gzip-compressed when its name ends in ``.gz`` (a restore detects gzip itself).

The first line is the header (``{"format": "ordo-backup", "version": 1, ...}``), then one line per row
(``{"table": NAME, "row": {...}}``, table by table in ``tables.included`` order), and last a closing line with
the number of rows of each table (``{"end": {"rows": {...}}}``), so a truncated file is told from a whole one.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from engine.canonical import json_default
from engine.store.backup import FORMAT, VERSION, BackupError
from engine.store.backup.tables import from_json, included

GZIP_MAGIC = b"\x1f\x8b"


def encode(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=json_default) + "\n").encode()


@contextmanager
def writing(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream to ``path`` (gzip when it ends in .gz), moved into place only when complete, readable
    by its owner only (the file holds secrets)."""
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    raw = os.fdopen(descriptor, "wb")
    try:
        with raw, (gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if path.suffix == ".gz" else _Plain(raw)) as out:
            yield out
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


class _Plain:
    def __init__(self, raw: IO[bytes]):
        self.raw = raw

    def __enter__(self) -> IO[bytes]:
        return self.raw

    def __exit__(self, *_exc) -> None:
        return None


@dataclass
class Header:
    exported_at: str | None
    credentials: bool
    schema: list = field(default_factory=list)
    tables: tuple[str, ...] = ()


def _lines(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == GZIP_MAGIC
        with (gzip.open(path, "rb") if compressed else path.open("rb")) as stream:
            for number, raw in enumerate(stream, 1):
                try:
                    value = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError) as error:
                    raise BackupError(f"line {number}: not JSON ({getattr(error, 'msg', error)}): the file is "
                                      f"damaged or truncated") from error
                if not isinstance(value, dict):
                    raise BackupError(f"line {number}: expected a JSON object")
                yield number, value
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{path}: the compressed file is damaged or truncated ({error})") from error
    except OSError as error:
        raise BackupError(f"{path}: cannot be read ({error.strerror or error})") from error


def read_header(value: dict) -> Header:
    """The header line's content; a file of another kind or an unknown version is refused."""
    if value.get("format") != FORMAT:
        raise BackupError(f"line 1: not an Ordo backup (no \"format\": \"{FORMAT}\")")
    version = value.get("version")
    if version != VERSION:
        raise BackupError(f"line 1: backup format version {version!r} is not supported; this Ordo reads version "
                          f"{VERSION}")
    if not isinstance(value.get("credentials"), bool):
        raise BackupError("line 1: \"credentials\" must be true or false")
    return Header(value.get("exportedAt"), value["credentials"], value.get("schema") or [],
                  included(value["credentials"]))


def read_backup(path: Path) -> tuple[Header, Iterator[tuple[str, dict, str]]]:
    """The header, and the rows as (table, database row, where in the file), checked line by line.

    The rows must come table by table in the expected order and end with the closing line whose counts match;
    BackupError says where the file departs from that (the iterator raises it when it gets there)."""
    lines = _lines(path)
    first = next(lines, None)
    if first is None:
        raise BackupError(f"{path}: the file is empty")
    header = read_header(first[1])
    return header, _rows(header, lines)


def _rows(header: Header, lines: Iterator[tuple[int, dict]]) -> Iterator[tuple[str, dict, str]]:
    position, counts, ended = 0, dict.fromkeys(header.tables, 0), False
    for number, value in lines:
        where = f"line {number}"
        if ended:
            raise BackupError(f"{where}: nothing may follow the closing line")
        if "end" in value:
            _check_end(value["end"], counts, where)
            ended = True
            continue
        name = value.get("table")
        if name not in header.tables:
            raise BackupError(f"{where}: unknown table {name!r}" + (
                " (api_tokens appear only in a backup with credentials)" if name == "api_tokens" else ""))
        order = header.tables.index(name)
        if order < position:
            raise BackupError(f"{where}: rows of {name} must come before those of {header.tables[position]}")
        position = order
        counts[name] += 1
        yield name, from_json(name, value.get("row"), where), where
    if not ended:
        raise BackupError("the file ends without its closing line: it is truncated")


def _check_end(end: object, counts: dict[str, int], where: str) -> None:
    rows = end.get("rows") if isinstance(end, dict) else None
    if not isinstance(rows, dict):
        raise BackupError(f"{where}: the closing line has no row counts")
    differing = [f"{name}: {counts.get(name, 0)} rows, the closing line says {rows.get(name, 0)}"
                 for name in sorted(set(counts) | set(rows)) if counts.get(name, 0) != rows.get(name, 0)]
    if differing:
        raise BackupError(f"{where}: the file does not hold the rows it says it does ({'; '.join(differing)})")
