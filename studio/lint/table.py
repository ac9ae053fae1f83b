"""Lint a decision table body: never-matching cells, overlaps, unreachable rows, coverage gaps."""

from __future__ import annotations

from engine.rules.decision_table import DecisionTableError, compile_table

from .coverage import coverage
from .finding import LintFinding
from .model import model_for
from .never_matches import never_matching
from .overlap import overlaps
from .reachability import unreachable


def lint_decision_table(body: dict, max_examples: int = 5) -> list[LintFinding]:
    """Findings for a decision table body, with JSON pointers into the body.

    A body that does not compile yields its compile issues as errors and nothing else.
    """
    try:
        compiled = compile_table(body)
    except DecisionTableError as exc:
        return [LintFinding(issue.pointer, issue.code, "error", issue.message) for issue in exc.issues]
    model = model_for(body, compiled)
    return [*never_matching(model), *overlaps(model), *unreachable(model), *coverage(model, max_examples)]
