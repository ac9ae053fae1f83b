"""Artifact documents: identity and content hash (``ui`` is layout only and never hashed)."""
from __future__ import annotations

import hashlib

from engine.canonical import canonical_json


def content_hash(document: dict) -> str:
    """sha256 of the canonical JSON of the document without its ``ui`` member."""
    hashed = {key: value for key, value in document.items() if key != "ui"}
    return hashlib.sha256(canonical_json(hashed).encode()).hexdigest()
