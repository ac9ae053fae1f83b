"""Compile input cells (unary tests or JsonLogic) and output cells (literals or JsonLogic)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import InvalidOperation

from engine.rules.jsonlogic.errors import JsonLogicLimitExceeded

from .errors import DecisionTableError, Issue
from .jsonlogic_bridge import JsonLogicCompileError, compile_jsonlogic, is_jsonlogic_cell
from .unary_syntax import UnarySyntaxError
from .unary_tests import UnaryTypeError, compile_unary
from .values import is_number, normalize, output_number, parse_date, value_key


class CellError(Exception):
    """A cell failed to compile; carries the Issue."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


@dataclass(frozen=True)
class InputCell:
    """A compiled input cell of one column.

    ``uses_context`` cells are called ``matches(raw_value, context)``; the others
    ``matches(normalised_value, key)``.
    """

    column: int
    text: str
    matches: Callable[[object, object], bool]
    uses_context: bool
    is_any: bool
    equality_keys: frozenset | None


@dataclass(frozen=True)
class OutputCell:
    """A compiled output cell: a constant, or a JsonLogic computation over the context."""

    constant: object
    compute: Callable[[dict], object] | None
    source: object


def compile_input_cell(cell: object, column: int, column_type: str, allowed: frozenset | None,
                       pointer: str) -> InputCell:
    """Compile one input entry; raises CellError with a pointer to the cell."""
    if is_jsonlogic_cell(cell):
        return _jsonlogic_input(cell, column, pointer)
    try:
        tests = compile_unary(cell, column_type)
    except UnarySyntaxError as exc:
        raise CellError(Issue(pointer, "bad_unary_test", f"{cell!r}: {exc}")) from exc
    except UnaryTypeError as exc:
        raise CellError(Issue(pointer, "type_mismatch", str(exc))) from exc
    _check_allowed_literals(tests, allowed, pointer)
    return InputCell(column, cell, tests.matches, False, tests.is_any, tests.equality_keys)


def _check_allowed_literals(tests, allowed: frozenset | None, pointer: str) -> None:
    if allowed is None or tests.equality_keys is None:
        return
    for key in tests.equality_keys:
        if key[0] != "null" and key not in allowed:
            raise CellError(Issue(pointer, "not_allowed_value", f"{key[1]!r} is not an allowed value"))


def _jsonlogic_input(cell: dict, column: int, pointer: str) -> InputCell:
    try:
        rule = compile_jsonlogic(cell["jsonlogic"], pointer + "/jsonlogic")
    except JsonLogicCompileError as exc:
        raise CellError(exc.issue) from exc

    def matches(raw: object, context: dict) -> bool:
        try:
            return bool(rule({**context, "?": raw}))
        except JsonLogicLimitExceeded:  # a limit error stays one: it names the rule's place itself
            raise
        except Exception as exc:
            raise DecisionTableError.single(pointer, "jsonlogic_error", str(exc)) from exc

    return InputCell(column, cell, matches, True, False, None)


def compile_output_cell(cell: object, output_type: str, allowed: frozenset | None,
                        pointer: str) -> OutputCell:
    """Compile one output entry; raises CellError with a pointer to the cell."""
    if is_jsonlogic_cell(cell):
        try:
            rule = compile_jsonlogic(cell["jsonlogic"], pointer + "/jsonlogic")
        except JsonLogicCompileError as exc:
            raise CellError(exc.issue) from exc
        return OutputCell(None, _computed_output(rule, output_type, pointer), cell)
    try:
        value = output_value(cell, output_type)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise CellError(Issue(pointer, "type_mismatch", str(exc))) from exc
    if allowed is not None and value is not None and value_key(normalize(value)) not in allowed:
        raise CellError(Issue(pointer, "not_allowed_value", f"{cell!r} is not an allowed value"))
    return OutputCell(value, None, cell)


def _computed_output(rule: Callable, output_type: str, pointer: str) -> Callable[[dict], object]:
    def compute(context: dict) -> object:
        try:
            result = rule(context)
        except JsonLogicLimitExceeded:  # a limit error stays one: it names the rule's place itself
            raise
        except Exception as exc:
            raise DecisionTableError.single(pointer, "jsonlogic_error", str(exc)) from exc
        try:
            return output_value(result, output_type)
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise DecisionTableError.single(pointer, "bad_output_value", str(exc)) from exc

    return compute


def output_value(value: object, output_type: str) -> object:
    """Normalise an output value for its type (numbers become int or Decimal, dates date)."""
    if value is None:
        return None
    if output_type == "number" or output_type == "any" and is_number(value):
        if isinstance(value, bool) or not (is_number(value) or isinstance(value, str)):
            raise TypeError(f"{value!r} is not a number")
        return output_number(value)
    if output_type == "date":
        parsed = value if isinstance(value, date) else parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise TypeError(f"{value!r} is not an ISO date")
        return parsed
    expected = {"string": str, "boolean": bool}.get(output_type)
    if expected is not None and not isinstance(value, expected):
        raise TypeError(f"{value!r} is not a {output_type}")
    return value
