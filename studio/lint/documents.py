"""Lint any artifact document by its kind."""

from __future__ import annotations

from dataclasses import replace

from .finding import LintFinding
from .table import lint_decision_table


def lint_document(document: dict) -> list[LintFinding]:
    """Findings for an artifact document; pointers are prefixed with ``/body``.

    Decision tables are linted; other kinds have no lint rules yet and give ``[]``.
    """
    if document.get("kind") != "decision_table":
        return []
    return [_under_body(finding) for finding in lint_decision_table(document.get("body") or {})]


def _under_body(finding: LintFinding) -> LintFinding:
    return replace(finding, pointer="/body" + finding.pointer)
