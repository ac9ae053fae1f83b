"""Trace entries: the plain-data answer to "why did this order get this"."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TraceEntry:
    stage: str
    decision: dict
    artifact: str | None = None
    version: int | None = None
    rule: str | None = None
    inputs: dict | None = None

    def to_dict(self) -> dict:
        return asdict(self)
