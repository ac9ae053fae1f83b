"""The built-in operator table: name -> compiler and the operand counts it accepts."""

from collections.abc import Callable
from dataclasses import dataclass

from . import (
    ops_array,
    ops_compare,
    ops_data,
    ops_errors,
    ops_logic,
    ops_misc,
    ops_numeric,
    ops_string,
    ops_val,
)
from .node import Node, Site

Builder = Callable[[list[Node], Site], Node]
UNBOUNDED = None


@dataclass(frozen=True, slots=True)
class Operator:
    """How to compile one operator, and its arity bounds (``max_args`` None = unbounded).

    An operator that ``takes_raw_operand`` (``preserve``) is built from its operand as
    written, which is not compiled; one that ``needs_operand_list`` refuses an operand that
    is not written as a list (json-logic-engine's "Invalid Arguments").
    """

    build: Builder
    min_args: int = 0
    max_args: int | None = UNBOUNDED
    takes_raw_operand: bool = False
    needs_operand_list: bool = False


BUILTIN_OPERATORS: dict[str, Operator] = {
    "var": Operator(ops_data.build_var, 0, 2),
    "missing": Operator(ops_data.build_missing),
    "missing_some": Operator(ops_data.build_missing_some, 2, 2),
    "if": Operator(ops_logic.build_if),
    "?:": Operator(ops_logic.build_if, 3, 3),
    "and": Operator(ops_logic.build_and),
    "or": Operator(ops_logic.build_or),
    "!": Operator(ops_logic.build_not, 1, 1),
    "!!": Operator(ops_logic.build_double_not, 1, 1),
    "==": Operator(ops_compare.build_loose_equal, 2),
    "!=": Operator(ops_compare.build_loose_not_equal, 2),
    "===": Operator(ops_compare.build_strict_equal, 2),
    "!==": Operator(ops_compare.build_strict_not_equal, 2),
    "<": Operator(ops_compare.build_less_than, 2),
    "<=": Operator(ops_compare.build_less_or_equal, 2),
    ">": Operator(ops_compare.build_greater_than, 2),
    ">=": Operator(ops_compare.build_greater_or_equal, 2),
    "+": Operator(ops_numeric.build_add),
    "-": Operator(ops_numeric.build_subtract, 1),
    "*": Operator(ops_numeric.build_multiply),
    "/": Operator(ops_numeric.build_divide, 1),
    "%": Operator(ops_numeric.build_modulo, 2),
    "max": Operator(ops_numeric.build_max, 1),
    "min": Operator(ops_numeric.build_min, 1),
    "cat": Operator(ops_string.build_cat),
    "substr": Operator(ops_string.build_substr, 2, 3),
    "in": Operator(ops_array.build_in, 2, 2),
    "merge": Operator(ops_array.build_merge),
    "map": Operator(ops_array.build_map, 2, 2, needs_operand_list=True),
    "filter": Operator(ops_array.build_filter, 2, 2, needs_operand_list=True),
    "reduce": Operator(ops_array.build_reduce, 2, 3, needs_operand_list=True),
    "all": Operator(ops_array.build_all, 2, 2, needs_operand_list=True),
    "none": Operator(ops_array.build_none, 2, 2, needs_operand_list=True),
    "some": Operator(ops_array.build_some, 2, 2, needs_operand_list=True),
    "log": Operator(ops_misc.build_log, 1, 1),
    # json-logic-engine's extensions (see the package docstring for where they meet the classics)
    "val": Operator(ops_val.build_val),
    "exists": Operator(ops_val.build_exists),
    "??": Operator(ops_logic.build_coalesce),
    "throw": Operator(ops_errors.build_throw, 1, 1),
    "try": Operator(ops_errors.build_try, 1),
    "preserve": Operator(ops_misc.build_preserve, takes_raw_operand=True),
}


def extra_operators(functions: dict[str, Callable]) -> dict[str, Operator]:
    """Wrap caller-supplied functions as variadic operators."""
    return {name: Operator(ops_misc.custom_builder(function)) for name, function in functions.items()}
