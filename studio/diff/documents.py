"""Diff two versions of one artifact document (``ui`` is layout only and ignored)."""

from __future__ import annotations

from .generic import diff_values
from .result import DiffResult
from .summary import summarize
from .table import diff_tables


def diff_documents(old: dict, new: dict) -> DiffResult:
    """The semantic difference between two versions of an artifact document.

    ``ui`` is ignored; lists of objects with an ``id`` (else ``key``, else ``name``) are matched
    by that identity, so a reordering shows as ``move`` changes. When both versions are decision
    tables, ``table`` adds row, column, hit policy and aggregation changes.
    """
    changes = diff_values(_without_ui(old), _without_ui(new))
    table = None
    if old.get("kind") == new.get("kind") == "decision_table":
        table = diff_tables(old.get("body") or {}, new.get("body") or {})
    return DiffResult(changes, table, summarize(changes, table))


def _without_ui(document: dict) -> dict:
    return {name: value for name, value in document.items() if name != "ui"}
