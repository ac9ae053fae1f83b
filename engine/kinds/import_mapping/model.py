"""What a compiled import mapping is made of, and what it makes of a file's rows."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from engine.rules.jsonlogic import CompiledRule

EMPTY = ""


@dataclass(frozen=True)
class Row:
    """One row of a file: its number (the header is row 1) and each column's text ('' when empty)."""

    number: int
    values: Mapping[str, str]


@dataclass(frozen=True)
class RowProblem:
    """Why a row (and the order it belongs to) cannot be imported; ``column`` None for the whole row."""

    row: int
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class FieldSpec:
    """One mapped field: where it goes (``target`` tokens or a ``characteristic``) and where it comes from."""

    at: str
    target: tuple[str, ...] | None
    characteristic: str | None
    column: str | None
    value: object = None
    has_value: bool = False
    logic: CompiledRule | None = None
    type: str = "string"
    date_format: str | None = None
    value_map: Mapping[str, object] | None = None
    keep_unmapped: bool = False
    default: object = None
    has_default: bool = False
    required: bool = False

    @property
    def label(self) -> str:
        """How a message names the field: its column, else its target or characteristic."""
        if self.column:
            return f"column {self.column!r}"
        return f"characteristic {self.characteristic!r}" if self.characteristic else "/".join(("",) + self.target)


@dataclass(frozen=True)
class MappedOrder:
    """The TMF622 ProductOrder_Create built from one order's rows, with what went wrong on which row."""

    key: str
    rows: tuple[int, ...]
    payload: dict
    problems: tuple[RowProblem, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    """TMF pointer -> column it was read from (to name the column of a capture problem)."""

    def locate(self, pointer: str | None) -> tuple[int, str | None]:
        """The row and column a problem at ``pointer`` (inside the payload) comes from."""
        pointer = pointer or ""
        column = next((col for at, col in sorted(self.columns.items(), key=lambda e: -len(e[0]))
                       if pointer == at or pointer.startswith(at + "/")), None)
        parts = pointer.split("/")
        if len(parts) > 2 and parts[1] == "productOrderItem" and parts[2].isdigit() and int(parts[2]) < len(self.rows):
            return self.rows[int(parts[2])], column
        return (self.rows[0] if self.rows else 0), column
