"""Staging an uploaded file for an import: copied into the imports folder in pieces, hashed as it goes."""
from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from engine.errors import Invalid

PIECE = 1 << 20
MAX_BYTES = 1 << 30
FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class StagedFile:
    path: Path
    name: str
    sha256: str
    size: int


class TooLarge(Invalid):
    """The upload is larger than the imports allow (413)."""

    status, title = 413, "Content Too Large"


def stage(stream: BinaryIO, name: str, folder: Path, max_bytes: int) -> StagedFile:
    """Copy ``stream`` into ``folder`` (a new file); TooLarge past ``max_bytes`` (nothing is kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}-{safe_name(name)}"
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("wb") as out:
            while piece := stream.read(PIECE):
                size += len(piece)
                if size > max_bytes:
                    raise TooLarge(f"the file is larger than {max_bytes:,} bytes, the most an import takes")
                digest.update(piece)
                out.write(piece)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StagedFile(path, safe_name(name), digest.hexdigest(), size)


def staged_copy(path: Path, folder: Path) -> StagedFile:
    """Stage a file already on this machine (the CLI): copied, so the original may change afterwards."""
    with path.open("rb") as stream:
        return stage(stream, path.name, folder, max_bytes=1 << 62)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's content, read in pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while piece := stream.read(PIECE):
            digest.update(piece)
    return digest.hexdigest()


def safe_name(name: str) -> str:
    """A file name without folders or characters a file system or a header could misread."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "upload").name).strip("._") or "upload"
    return base[:120]


def format_of(name: str) -> str | None:
    """The format a file name's suffix says (csv, xlsx, jsonl), or None."""
    return FORMATS.get(Path(name).suffix.lower())
