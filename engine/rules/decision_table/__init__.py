"""DMN decision tables: the ``decision_table`` artifact body, compiled once, evaluated many times.

Body (JSON Schema in ``schema.json``)::

    {
      "hitPolicy": "UNIQUE|FIRST|PRIORITY|ANY|COLLECT|RULE ORDER|OUTPUT ORDER",   # default UNIQUE
      "aggregation": "SUM|MIN|MAX|COUNT",             # only with COLLECT and one output
      "inputs": [
        {"name": "segment", "label": "Customer segment", "path": "customer.segment",
         "type": "string", "allowedValues": ["gold", "silver"]},
        {"name": "total", "expression": {"var": "order.total"}, "type": "number"}
      ],
      "outputs": [
        {"name": "discount", "type": "number", "allowedValues": [0.2, 0.1, 0], "default": 0}
      ],
      "rules": [
        {"id": "r1", "inputEntries": ["\\"gold\\",\\"platinum\\"", ">= 100"],
         "outputEntries": [0.1], "annotation": "loyal big spenders"}
      ]
    }

Inputs
    ``name`` (required; any text without leading or trailing blanks, kept exactly, e.g.
    ``Applicant Age``); the value is read by dotted ``path`` (digits index lists), by a
    JsonLogic ``expression`` over the context, never both, or else by the whole name as one key.
    ``type`` is string, number, boolean, date or any (default). Numbers are compared as
    ``Decimal``; date inputs accept ``datetime.date`` values or ISO strings.
    ``allowedValues`` restricts the literals the cells may test.
Input cells
    DMN simple unary tests: ``-`` (or empty) matches anything; ``"x"``, ``5``, ``true``,
    ``null``, ``date("2026-01-01")`` test equality; ``< <= > >= =`` compare; ranges
    ``[a..b]``, ``(a..b)`` / ``]a..b[`` (open), ``[a..b[`` …; a comma list matches any of
    its tests; ``not(tests)`` negates. Comparing different types is null (no match), as in
    FEEL. Or ``{"jsonlogic": rule}``, truthy to match, evaluated over the context with the
    column value as ``{"var": "?"}``.
Outputs
    ``name`` (required, any text kept exactly: ``Approved/Declined`` is the result key), ``type``, ``allowedValues`` (for PRIORITY / OUTPUT ORDER: first is
    highest priority), ``default`` (the result when no rule matches).
Output cells
    JSON literals, or ``{"jsonlogic": rule}`` computed from the context. Number outputs come
    back as ``int`` for JSON integers and ``Decimal`` otherwise (numeric strings such as
    ``"19.99"`` are accepted), date outputs as ``datetime.date``.
Rules
    ``id`` (default ``r<n>``, n counting from 1), ``inputEntries`` (one per input),
    ``outputEntries`` (one per output), optional ``annotation``.

Result (``TableResult.value``): one output → its value; several → a dict by output name.
Single-hit policies return one such value; COLLECT, RULE ORDER and OUTPUT ORDER a list;
COLLECT with SUM/MIN/MAX the aggregate (nulls skipped), with COUNT the number of hits. With
no match the value is ``None`` unless an output has a default: then the defaults (wrapped in
a list for multi-hit policies); COUNT is 0. UNIQUE with several matches raises
``DecisionTableError`` code ``unique_violation``; ANY with disagreeing outputs
``any_violation``. PRIORITY picks, and OUTPUT ORDER sorts by, the position of the outputs in
their allowedValues (outputs compared in column order; ties keep rule order).

Compile errors are gathered into one ``DecisionTableError`` whose ``issues`` each carry a
JSON ``pointer`` into the body (``/rules/3/inputEntries/1``), a ``code`` and a ``message``.
"""

from .compiler import compile_table
from .errors import DecisionTableError, Issue
from .schema import body_schema
from .table import CompiledTable, TableResult

__all__ = ["CompiledTable", "DecisionTableError", "Issue", "TableResult", "body_schema", "compile_table"]
