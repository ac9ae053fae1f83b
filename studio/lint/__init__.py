"""Lint for studio artifacts.

``lint_decision_table(body)`` reasons over the cells of a compiling decision table, column by
column (intervals, literal sets, ``-``, ``not(...)``; JsonLogic cells are opaque) and reports:

``never_matches`` (error)
    a cell no value of its column can pass.
``overlap`` (error)
    under UNIQUE, two rows that can both match one input; under ANY, the same with different
    outputs. ``overlap_undecided`` (info) when only JsonLogic cells could keep them apart.
``unreachable`` (warning)
    under FIRST, a row that earlier rows together cover; under PRIORITY, a row that rows with a
    better (or equal and earlier) priority cover.
``uncovered`` (warning, info when an output has a default)
    inputs no row matches, computed when every column has allowedValues (or is boolean), is a
    number/date column tested only with ranges and comparisons, or holds only ``-``;
    otherwise ``coverage_not_checked`` (info). Null inputs are not counted as gaps.

A body that does not compile gives its compile issues as error findings.
``lint_document(document)`` dispatches by kind and prefixes pointers with ``/body``; for
orchestration plans it reports ``missing_sla`` (warning) on auto, manual, work order and approval
tasks without an SLA. Other kinds give ``[]``.
"""

from .documents import lint_document
from .finding import LintFinding
from .table import lint_decision_table

__all__ = ["LintFinding", "lint_decision_table", "lint_document"]
