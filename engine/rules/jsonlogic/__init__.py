"""JsonLogic (jsonlogic.com) compiled to Python closures: compile once, evaluate many.

Semantics follow json-logic-js and pass the official suite. Choices worth knowing:

- Malformed rules fail in ``compile`` with ``JsonLogicError(pointer, code, message)``:
  unknown operators (also in branches never taken), operand counts outside the table in
  ``operators.py`` (e.g. ``var`` 0-2, ``==`` 2, ``<`` 2-3, ``and``/``or`` at least 1), a
  ``var`` path that is not text/number/null/an operation, values that are not JSON.
- ``decimal.Decimal`` in data or rules stays Decimal through arithmetic; a float meeting
  a Decimal becomes ``Decimal(str(x))``. Division by zero gives ±Infinity/NaN (Decimal
  ones for Decimal operands), never an exception.
- ``var`` returns a stored null as null (the default only replaces a missing value), and
  ``+``/``*`` read operands with ``parseFloat`` (``"12px"`` -> 12, null -> NaN), as the
  reference implementation does.
- Data is JSON-shaped (dicts, lists, scalars); mappings with a ``__missing__`` hook
  (``defaultdict``, ``Counter``) would answer for absent keys.

>>> rule = compile({"and": [{">=": [{"var": "order.total"}, 100]}, {"in": [{"var": "tier"}, ["gold"]]}]})
>>> rule({"order": {"total": 150}, "tier": "gold"})
True
"""

from collections.abc import Callable, Mapping
from typing import Any

from .compiled_rule import CompiledRule
from .compiler import compile_node, operator_table
from .errors import JsonLogicError

__all__ = ["CompiledRule", "JsonLogicError", "apply", "compile"]


def compile(rule: Any, operations: Mapping[str, Callable] | None = None) -> CompiledRule:
    """Compile a parsed JSON rule; raises JsonLogicError (with a JSON pointer) if it is malformed.

    ``operations`` adds operators for this rule only: each is called with the evaluated
    operands, ``function(*values)``, and may not reuse a built-in operator's name.
    """
    return CompiledRule(rule, compile_node(rule, operator_table(operations)).evaluate)


def apply(rule: Any, data: Any = None, operations: Mapping[str, Callable] | None = None) -> Any:
    """Compile ``rule`` and evaluate it against ``data`` in one step."""
    return compile(rule, operations)(data)
