"""Compile a JsonLogic rule (parsed JSON) into a tree of Python closures."""

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from .errors import JsonLogicError, child_pointer
from .limits import MAX_DEPTH
from .node import Node, Site, constant
from .operators import BUILTIN_OPERATORS, Operator, extra_operators

_SCALAR_TYPES = (str, int, float, Decimal, bool, type(None))


def compile_node(rule: Any, operators: Mapping[str, Operator], pointer: str = "", origin: str = "") -> Node:
    """Compile ``rule`` (located at ``pointer``, in a rule sitting at ``origin``) using the given operator table."""
    if isinstance(rule, dict):
        if len(rule) == 1:
            return _compile_operation(rule, operators, pointer, origin)
        return constant(rule)
    if isinstance(rule, list):
        return _compile_array(rule, operators, pointer, origin)
    if isinstance(rule, _SCALAR_TYPES):
        return constant(rule)
    raise JsonLogicError(pointer, "invalid_value", f"{type(rule).__name__} is not a JSON value")


def check_depth(rule: Any, limit: int = MAX_DEPTH) -> None:
    """Raise ``too_deep`` (at the first node too deep) when objects and lists nest beyond ``limit`` levels.

    Walks with its own stack, so a rule nested thousands of levels deep is refused before
    the compiler's recursion could meet Python's recursion limit.
    """
    pending = [(rule, 1, "")] if isinstance(rule, (dict, list)) else []
    while pending:
        value, depth, pointer = pending.pop()
        if depth > limit:
            raise JsonLogicError(pointer, "too_deep", f"the rule nests more than {limit} levels deep")
        children = value.items() if isinstance(value, dict) else enumerate(value)
        pending.extend((child, depth + 1, child_pointer(pointer, key))
                       for key, child in children if isinstance(child, (dict, list)))


def operator_table(extra: Mapping[str, Callable] | None) -> Mapping[str, Operator]:
    """The built-in operators plus ``extra`` ones; an extra name may not shadow a built-in."""
    if not extra:
        return BUILTIN_OPERATORS
    for name in extra:
        if name in BUILTIN_OPERATORS:
            raise JsonLogicError("", "reserved_operator", f"{name!r} is a built-in operator")
    return {**BUILTIN_OPERATORS, **extra_operators(dict(extra))}


def _compile_operation(rule: dict, operators: Mapping[str, Operator], pointer: str, origin: str) -> Node:
    ((name, raw_args),) = rule.items()
    operator = operators.get(name) if isinstance(name, str) else None
    if operator is None:
        raise JsonLogicError(pointer, "unknown_operator", f"unknown operator {name!r}")
    operator_pointer = child_pointer(pointer, name)
    if operator.takes_raw_operand:
        return operator.build(raw_args, Site(name, pointer, (operator_pointer,), origin))
    if operator.needs_operand_list and not isinstance(raw_args, list):
        raise JsonLogicError(pointer, "invalid_arguments", f"{name!r} takes its operands as a list")
    if isinstance(raw_args, list):
        argument_pointers = tuple(child_pointer(operator_pointer, i) for i in range(len(raw_args)))
    else:
        raw_args, argument_pointers = [raw_args], (operator_pointer,)
    _check_arity(name, operator, len(raw_args), pointer)
    args = [compile_node(arg, operators, at, origin) for arg, at in zip(raw_args, argument_pointers, strict=True)]
    return _inherit(operator.build(args, Site(name, pointer, argument_pointers, origin)), args)


def _compile_array(rule: list, operators: Mapping[str, Operator], pointer: str, origin: str) -> Node:
    items = [compile_node(item, operators, child_pointer(pointer, i), origin) for i, item in enumerate(rule)]
    if all(item.is_constant for item in items):
        values = [item.value for item in items]
        return Node(lambda data: list(values), is_constant=True, value=values)
    evaluators = [item.evaluate for item in items]
    return _inherit(Node(lambda data: [evaluate(data) for evaluate in evaluators]), items)


def _inherit(node: Node, children: list[Node]) -> Node:
    """The node with its subtree's size, and the scope use and budget use of its children."""
    uses_scope = node.uses_scope or any(child.uses_scope for child in children)
    bounded = node.bounded or any(child.bounded for child in children)
    return replace(node, size=1 + sum(child.size for child in children), uses_scope=uses_scope, bounded=bounded)


def _check_arity(name: str, operator: Operator, count: int, pointer: str) -> None:
    low, high = operator.min_args, operator.max_args
    if count < low or (high is not None and count > high):
        expected = f"{low}" if low == high else f"{low} to {high}" if high is not None else f"at least {low}"
        raise JsonLogicError(pointer, "wrong_arity", f"{name!r} takes {expected} operand(s), got {count}")
