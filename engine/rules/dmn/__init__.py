"""DMN XML (1.1 to 1.5) import, export and evaluation of decision tables.

``import_dmn`` reads every ``decisionTable`` of a ``definitions`` document into a
decision table body (see ``engine.rules.decision_table``): ``hitPolicy`` and
``aggregation`` attributes, ``inputExpression/text`` as a dotted ``path`` (or JsonLogic
when ``expressionLanguage="https://jsonlogic.com"``), ``typeRef`` (``feel:`` prefixes,
integer/long/double/decimal map to number), ``inputValues`` / ``outputValues`` as
``allowedValues``, ``defaultOutputEntry`` as ``default``, rule ``description`` or
``annotationEntry`` as ``annotation``. Output entries must be FEEL literals. Input names
come from the ``ordo:name`` attribute Ordo writes, else from the expression (a FEEL name such
as ``Applicant Age`` is kept exactly; a dotted path gives its last segment) or the label;
output names are the ``name`` attribute (else the label) exactly as written, so
``Approved/Declined`` stays the result key. An input Ordo reads by its whole name (no path)
carries ``ordo:readsName="true"``.

``export_dmn`` writes DMN 1.3 by default (Camunda's modeller opens it); parsing uses
defusedxml, so entity expansion and external entities are refused.
"""

from __future__ import annotations

from functools import lru_cache

from engine.rules.decision_table import CompiledTable, compile_table

from .errors import DmnError
from .namespaces import DMN_NAMESPACES
from .reader import import_dmn
from .writer import export_dmn

__all__ = ["DMN_NAMESPACES", "DmnError", "compile_dmn", "evaluate", "export_dmn", "import_dmn"]


@lru_cache(maxsize=128)
def compile_dmn(dmn_xml: str, decision: str) -> CompiledTable:
    """The compiled table of one decision (by id, else by name); cached per document."""
    tables = import_dmn(dmn_xml)
    for decision_id, _name, body in tables:
        if decision_id == decision:
            return compile_table(body)
    for _, name, body in tables:
        if name == decision:
            return compile_table(body)
    known = ", ".join(decision_id for decision_id, _, _ in tables)
    raise DmnError("", "unknown_decision", f"no decision table {decision!r} (found: {known})")


def evaluate(dmn_xml: str, decision: str, inputs: dict) -> object:
    """Evaluate a decision of a DMN document against ``inputs``; returns the DMN result."""
    return compile_dmn(dmn_xml, decision).evaluate(inputs).value
