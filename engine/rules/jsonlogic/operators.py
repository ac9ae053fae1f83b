"""The built-in operator table: name -> compiler and the operand counts it accepts."""

from collections.abc import Callable
from dataclasses import dataclass

from . import ops_array, ops_compare, ops_data, ops_logic, ops_misc, ops_numeric, ops_string
from .node import Node, Site

Builder = Callable[[list[Node], Site], Node]
UNBOUNDED = None


@dataclass(frozen=True, slots=True)
class Operator:
    """How to compile one operator, and its arity bounds (``max_args`` None = unbounded)."""

    build: Builder
    min_args: int = 0
    max_args: int | None = UNBOUNDED


BUILTIN_OPERATORS: dict[str, Operator] = {
    "var": Operator(ops_data.build_var, 0, 2),
    "missing": Operator(ops_data.build_missing),
    "missing_some": Operator(ops_data.build_missing_some, 2, 2),
    "if": Operator(ops_logic.build_if),
    "?:": Operator(ops_logic.build_if, 3, 3),
    "and": Operator(ops_logic.build_and, 1),
    "or": Operator(ops_logic.build_or, 1),
    "!": Operator(ops_logic.build_not, 1, 1),
    "!!": Operator(ops_logic.build_double_not, 1, 1),
    "==": Operator(ops_compare.build_loose_equal, 2, 2),
    "!=": Operator(ops_compare.build_loose_not_equal, 2, 2),
    "===": Operator(ops_compare.build_strict_equal, 2, 2),
    "!==": Operator(ops_compare.build_strict_not_equal, 2, 2),
    "<": Operator(ops_compare.build_less_than, 2, 3),
    "<=": Operator(ops_compare.build_less_or_equal, 2, 3),
    ">": Operator(ops_compare.build_greater_than, 2, 2),
    ">=": Operator(ops_compare.build_greater_or_equal, 2, 2),
    "+": Operator(ops_numeric.build_add),
    "-": Operator(ops_numeric.build_subtract, 1, 2),
    "*": Operator(ops_numeric.build_multiply, 1),
    "/": Operator(ops_numeric.build_divide, 2, 2),
    "%": Operator(ops_numeric.build_modulo, 2, 2),
    "max": Operator(ops_numeric.build_max, 1),
    "min": Operator(ops_numeric.build_min, 1),
    "cat": Operator(ops_string.build_cat),
    "substr": Operator(ops_string.build_substr, 2, 3),
    "in": Operator(ops_array.build_in, 2, 2),
    "merge": Operator(ops_array.build_merge),
    "map": Operator(ops_array.build_map, 2, 2),
    "filter": Operator(ops_array.build_filter, 2, 2),
    "reduce": Operator(ops_array.build_reduce, 2, 3),
    "all": Operator(ops_array.build_all, 2, 2),
    "none": Operator(ops_array.build_none, 2, 2),
    "some": Operator(ops_array.build_some, 2, 2),
    "log": Operator(ops_misc.build_log, 1, 1),
}


def extra_operators(functions: dict[str, Callable]) -> dict[str, Operator]:
    """Wrap caller-supplied functions as variadic operators."""
    return {name: Operator(ops_misc.custom_builder(function)) for name, function in functions.items()}
