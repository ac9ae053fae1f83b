"""JsonLogic (jsonlogic.com) compiled to Python closures: compile once, evaluate many.

Semantics follow json-logic-js and pass the official suite. Choices worth knowing:

- Evaluation is bounded (steps, text and list sizes, integer size, nesting depth, path
  length; see ``limits.py``): going over raises ``JsonLogicLimitExceeded``, which ``try``
  does not catch.
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

json-logic-engine's extensions (the most used JavaScript implementation) are built in:
``val`` (a list of keys, ``[[n], ...]`` climbing out of ``n`` enclosing scopes, see
``scope.py``), ``exists``, ``??``, ``throw``/``try`` (errors are ``JsonLogicRuntimeError``
carrying ``{"type": ...}``), ``preserve``, comparisons over two or more operands
(``{">": [3, 2, 1]}``; ``==``/``!=`` pairwise), ``-``/``/``/``%`` over any number of operands
(``{"-": [1, 2, 3, 4]}`` is -8, ``{"/": [x]}`` 1/x), ``*`` of nothing (1), ``and``/``or`` of
nothing (null), booleans as 1/0 in ``+``/``*`` (json-logic-js reads them as NaN), and an
iterating operator whose operand is not a list (``{"map": {"var": "x"}}``) is refused at
compile time (code ``invalid_arguments``, engine's "Invalid Arguments"). Where the engine
contradicts classic JsonLogic the classic behaviour stays:

- arithmetic keeps NaN and ±Infinity results (the engine raises ``{"type": "NaN"}``);
  ``try`` counts an operand whose value is NaN or infinite as failed with that error;
- ``+`` still reads null and "" as NaN and a one-item list by its text (parseFloat);
- comparisons never raise and follow JavaScript (``null != 0``);
- a single non-list operand is one operand (``{"and": true}``, ``{"-": {"var": "xs"}}``),
  not a list computed at run time ("chaining");
- an iterating operator over a value that is not a list has no items (as before);
- too few operands (``{"-": []}``, ``{">": [1]}``) fail at compile time (``wrong_arity``),
  so ``try`` cannot catch them as the engine's run-time "Invalid Arguments".

>>> rule = compile({"and": [{">=": [{"var": "order.total"}, 100]}, {"in": [{"var": "tier"}, ["gold"]]}]})
>>> rule({"order": {"total": 150}, "tier": "gold"})
True
"""

from collections.abc import Callable, Mapping
from typing import Any

from .compiled_rule import CompiledRule
from .compiler import check_depth, compile_node, operator_table
from .errors import JsonLogicError, JsonLogicLimitExceeded, JsonLogicRuntimeError
from .limits import Budget, Limits

__all__ = ["Budget", "CompiledRule", "JsonLogicError", "JsonLogicLimitExceeded", "JsonLogicRuntimeError",
           "Limits", "apply", "compile"]


def compile(rule: Any, operations: Mapping[str, Callable] | None = None, *, origin: str = "") -> CompiledRule:
    """Compile a parsed JSON rule; raises JsonLogicError (with a JSON pointer) if it is malformed.

    ``operations`` adds operators for this rule only: each is called with the evaluated
    operands, ``function(*values)``, and may not reuse a built-in operator's name.
    ``origin`` says where the rule sits (an artifact and a pointer); run-time limit errors
    carry it (see ``limits.py`` for the bounds of an evaluation).
    """
    check_depth(rule)
    return CompiledRule(rule, compile_node(rule, operator_table(operations), "", origin), origin)


def apply(rule: Any, data: Any = None, operations: Mapping[str, Callable] | None = None) -> Any:
    """Compile ``rule`` and evaluate it against ``data`` in one step."""
    return compile(rule, operations)(data)
