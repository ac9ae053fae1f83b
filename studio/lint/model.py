"""A decision table as lint sees it: policy, columns, rows and the compiled table."""

from __future__ import annotations

from dataclasses import dataclass

from engine.rules.decision_table import CompiledTable

from .columns import Column, column_for
from .rows import Row, row_for


@dataclass(frozen=True)
class TableModel:
    """The parts of a decision table the checks reason about."""

    policy: str
    columns: list[Column]
    rows: list[Row]
    compiled: CompiledTable

    @property
    def has_defaults(self) -> bool:
        """True when some output has a default (a miss is then not empty)."""
        return any(output.has_default for output in self.compiled.outputs)


def model_for(body: dict, compiled: CompiledTable) -> TableModel:
    """Build the lint model of a body that compiled."""
    columns = [column_for(spec) for spec in body["inputs"]]
    rows = [row_for(rule, position, columns) for position, rule in enumerate(body["rules"])]
    return TableModel(body.get("hitPolicy", "UNIQUE"), columns, rows, compiled)


def rule_pointer(row: Row) -> str:
    """``/rules/<position>``."""
    return f"/rules/{row.position}"
