"""Plain result types of a document diff."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """One generic change: ``op`` is add, remove, replace or move; ``source`` is the old pointer of a move."""

    op: str
    pointer: str
    old: object = None
    new: object = None
    source: str | None = None

    def to_dict(self) -> dict:
        """The change as plain JSON (a move also carries ``from``)."""
        data = {"op": self.op, "pointer": self.pointer, "old": self.old, "new": self.new}
        if self.source is not None:
            data["from"] = self.source
        return data


@dataclass(frozen=True)
class DiffResult:
    """The semantic difference between two versions of one artifact document.

    ``changes`` is the generic part; ``table`` the decision-table part (``None`` for other kinds).
    """

    changes: list[Change] = field(default_factory=list)
    table: dict | None = None
    summary: str = "no change"

    @property
    def empty(self) -> bool:
        """True when the two documents are the same apart from ``ui``."""
        return not self.changes

    def to_dict(self) -> dict:
        """The whole diff as plain JSON."""
        return {
            "empty": self.empty,
            "summary": self.summary,
            "changes": [change.to_dict() for change in self.changes],
            "table": self.table,
        }
