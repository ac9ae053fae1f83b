"""JsonLogic (jsonlogic.com) compiled to Python closures: compile once, evaluate many.

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
