"""The ``decision_table`` kind: a DMN decision table (body format in ``engine.rules.decision_table``).

Test: input is the evaluation context; expect is the table's result value (objects match partially).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.rules.decision_table import CompiledTable, DecisionTableError, TableResult, compile_table
from engine.rules.jsonlogic import JsonLogicLimitExceeded

from ..base.issues import Issues
from ..base.kind import ArtifactMeta, Kind

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "rules" / "decision_table" / "schema.json"


@dataclass(frozen=True)
class CompiledDecisionTable:
    """A compiled decision table with the identity of the artifact it came from (for provenance)."""

    key: str
    version: int | None
    table: CompiledTable

    def evaluate(self, context: dict) -> TableResult:
        """Evaluate against ``context``; ``selected_rule_ids`` are the rows that made the result.

        A rule going over its limits raises ``JsonLogicLimitExceeded`` naming this table and the cell.
        """
        try:
            return self.table.evaluate(context)
        except JsonLogicLimitExceeded as error:
            raise error.within(f"{self.key}:/body") from None


def compile_decision_table(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledDecisionTable | None:
    """Compile with ``compile_table``; its issues are reported under ``/body``."""
    try:
        return CompiledDecisionTable(meta.key, meta.version, compile_table(body))
    except DecisionTableError as error:
        issues.extend_at("/body", error.issues)
        return None


def run_decision_table_test(compiled: CompiledDecisionTable, given: object, resolve=None) -> object:
    """The result value for the test's context."""
    return compiled.evaluate(given if isinstance(given, dict) else {}).value


KIND = Kind("decision_table", SCHEMA_PATH, compile_decision_table, run_decision_table_test)
