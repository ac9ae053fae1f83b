"""Spreadsheet import errors located by cell reference (``Sheet1!B4``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetIssue:
    """One problem in a sheet: the cell, a code, a message and the body pointer it maps to."""

    cell: str
    code: str
    message: str
    pointer: str = ""

    def as_dict(self) -> dict:
        """The issue as plain data."""
        return {"cell": self.cell, "code": self.code, "message": self.message, "pointer": self.pointer}


class SheetError(ValueError):
    """Raised with every issue found; ``cell``/``code``/``message``/``pointer`` describe the first."""

    def __init__(self, issues: list[SheetIssue]):
        self.issues = list(issues)
        first = self.issues[0]
        self.cell, self.code, self.message, self.pointer = first.cell, first.code, first.message, first.pointer
        super().__init__("; ".join(f"{i.cell}: {i.code}: {i.message}" for i in self.issues))
