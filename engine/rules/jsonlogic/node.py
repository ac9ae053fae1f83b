"""The compiled form of one rule node and the context its operator compiler receives."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import JsonLogicLimitExceeded

Evaluator = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Node:
    """A compiled node: ``evaluate(data)`` plus what the compiler knows statically about it.

    ``field_keys`` is set on a ``var`` of a fixed dotted path: when ``data[k1][k2]...``
    succeeds it is the node's value, so a consumer may read the field inline and fall
    back to ``evaluate`` on any lookup error. ``uses_scope`` is set when the node or one
    below it reads an enclosing iteration's scope (``{"val": [[n], ...]}``), so that only
    such iterations record their scope. ``size`` counts the nodes of the subtree (what one
    evaluation of it may cost, see ``limits.py``) and ``bounded`` is set when the node or
    one below it iterates, spending the evaluation's step budget, so that only such rules
    install a budget.
    """

    evaluate: Evaluator
    is_constant: bool = False
    value: Any = None
    is_boolean: bool = False
    field_keys: tuple[str, ...] | None = None
    uses_scope: bool = False
    size: int = 1
    bounded: bool = False


@dataclass(frozen=True, slots=True)
class Site:
    """Where an operation sits in the rule, for error pointers; ``origin`` is where the rule sits (``compile``)."""

    operator: str
    pointer: str
    argument_pointers: tuple[str, ...] = field(default=())
    origin: str = ""

    def limit_exceeded(self, limit: str, value: int) -> JsonLogicLimitExceeded:
        """The error of this operation going over ``limit`` (whose bound is ``value``)."""
        return JsonLogicLimitExceeded(limit, value, self.pointer, self.origin)


def constant(value: Any) -> Node:
    """A node that always evaluates to ``value``."""
    return Node(lambda data: value, is_constant=True, value=value, is_boolean=type(value) is bool)


def boolean(evaluate: Evaluator, bounded: bool = False) -> Node:
    """A node whose evaluation always returns True or False."""
    return Node(evaluate, is_boolean=True, bounded=bounded)
