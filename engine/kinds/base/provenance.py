"""Where a runtime result came from: artifact key, version and the row / cell / rule id."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provenance:
    """The artifact (key, version) and the row inside it that produced a price line or decision."""

    artifact: str
    version: int | None
    row: str

    def as_dict(self) -> dict:
        """JSON-friendly form for traces and price lines."""
        return {"artifact": self.artifact, "version": self.version, "row": self.row}
