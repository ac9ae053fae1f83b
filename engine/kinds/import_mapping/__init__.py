"""The ``import_mapping`` kind: how a partner's file (CSV, XLSX, JSON Lines) becomes TMF622 product orders.

Body (``schema.json``)::

    {"format": "csv", "source": "acme", "orderKey": "order_ref", "delimiter": ";",
     "order": [{"target": "/relatedParty/0/id", "column": "customer", "required": true},
               {"target": "/relatedParty/0/role", "value": "customer"},
               {"target": "/requestedCompletionDate", "column": "due", "type": "datetime", "dateFormat": "%d/%m/%Y"}],
     "item": [{"target": "/productOffering/id", "column": "product", "map": {"FIBRE100": "fibre-100"}},
              {"target": "/quantity", "column": "qty", "type": "integer", "default": 1},
              {"characteristic": "apn", "column": "apn"},
              {"characteristic": "sites", "logic": {"+": [{"var": "row.branches"}, 1]}}]}

Rows with the same ``orderKey`` (adjacent) are one order: order fields come from its first row, each row
is an item (``id`` 1, 2, …, ``action`` add and ``quantity`` 1 unless a field sets them). The key is the
order's ``externalId`` unless a field sets it. A field reads a ``column``, a constant ``value`` or a JsonLogic
``logic`` over ``{"row": {column: text}}``; a value ``map`` and a ``type`` conversion follow; an empty cell
takes the ``default`` or, when ``required``, is an error naming the row and the column.

Test: input ``{"rows": [{column: text, …}, …]}`` (row numbers from 2, after the header); actual
``{"orders": [ProductOrder_Create, …], "problems": [{"row", "column", "message"}, …]}``.
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import Kind, KindTestError
from .compiler import compile_import_mapping
from .model import FieldSpec, MappedOrder, Row, RowProblem
from .runner import CompiledMapping
from .values import BadValue, excerpt

__all__ = ["KIND", "BadValue", "CompiledMapping", "FieldSpec", "MappedOrder", "Row", "RowProblem",
           "compile_import_mapping", "excerpt"]


def run_import_mapping_test(mapping: CompiledMapping, given: object, resolve=None) -> dict:
    """The orders and problems the mapping makes of the test's rows."""
    if mapping.format == "jsonl":
        raise KindTestError("a jsonl mapping reads whole orders: it has nothing to test")
    if not isinstance(given, dict) or not isinstance(given.get("rows"), list) or not all(
            isinstance(row, dict) for row in given["rows"]):
        raise KindTestError('an import mapping test input is {"rows": [{column: text, …}, …]}')
    rows = [Row(number, {str(k): "" if v is None else str(v) for k, v in row.items()})
            for number, row in enumerate(given["rows"], start=2)]
    orders, problems = [], []
    for order in mapping.orders(rows):
        problems.extend(problem.as_dict() for problem in order.problems)
        if order.key and not order.problems:
            orders.append(order.payload)
    return {"orders": orders, "problems": problems}


KIND = Kind("import_mapping", Path(__file__).with_name("schema.json"), compile_import_mapping,
            run_import_mapping_test)
