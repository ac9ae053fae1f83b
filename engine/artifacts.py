"""Artifact documents: identity and content hash (``ui`` is layout only and never hashed)."""
from __future__ import annotations

import hashlib

from engine.canonical import canonical_json


def content_hash(document: dict) -> str:
    """sha256 of the canonical JSON of the document without its ``ui`` member."""
    hashed = {key: value for key, value in document.items() if key != "ui"}
    return hashlib.sha256(canonical_json(hashed).encode()).hexdigest()


def pack_hash(key: str, bindings: dict, pins: list[tuple[str, str]]) -> str:
    """The content hash of a pack version: its key, bindings and each pinned artifact's (key, content hash), in
    any order."""
    return hashlib.sha256(canonical_json({"key": key, "bindings": bindings, "pins": sorted(pins)}).encode()).hexdigest()
