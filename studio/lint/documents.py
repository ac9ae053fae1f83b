"""Lint any artifact document by its kind."""

from __future__ import annotations

from dataclasses import replace

from .finding import LintFinding
from .plan import lint_orchestration_plan
from .table import lint_decision_table

LINTERS = {"decision_table": lint_decision_table, "orchestration_plan": lint_orchestration_plan}


def lint_document(document: dict) -> list[LintFinding]:
    """Findings for an artifact document; pointers are prefixed with ``/body``.

    Decision tables and orchestration plans are linted; other kinds have no lint rules yet and give ``[]``.
    """
    linter = LINTERS.get(document.get("kind"))
    if linter is None:
        return []
    return [_under_body(finding) for finding in linter(document.get("body") or {})]


def _under_body(finding: LintFinding) -> LintFinding:
    return replace(finding, pointer="/body" + finding.pointer)
