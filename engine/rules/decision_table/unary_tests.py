"""Compile DMN simple unary tests into fast matchers over normalised column values.

A matcher is called as ``matcher(value, key)`` where ``value`` is the normalised column
value and ``key`` its equality key (see ``values.value_key``); it answers True only when
the cell matches. Comparisons follow FEEL's three-valued logic: a comparison between
different types (or with null) is null, and ``not(...)`` of null does not match.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from .unary_syntax import Comparison, Literal, Parsed, Range, UnarySyntaxError, literal_type, parse
from .values import TYPE_TAGS, value_key

Matcher = Callable[[object, object], bool]
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class UnaryTypeError(ValueError):
    """A literal in the cell does not fit the column type."""


@dataclass(frozen=True)
class UnaryTests:
    """A compiled input cell written in simple unary test syntax."""

    text: str
    matches: Matcher
    is_any: bool
    equality_keys: frozenset | None
    literals: tuple


def compile_unary(text: str, column_type: str = "any") -> UnaryTests:
    """Parse and compile cell text; raises UnarySyntaxError or UnaryTypeError."""
    parsed = parse(text)
    if parsed.is_any:
        return UnaryTests(text, _match_any, True, None, ())
    literals = tuple(_literals(parsed.tests))
    for value in literals:
        _check_type(value, column_type)
    for test in parsed.tests:
        _check_shape(test)
    keys = _equality_keys(parsed)
    return UnaryTests(text, _matcher(parsed, keys), False, keys, literals)


def _match_any(value: object, key: object) -> bool:
    return True


def _literals(tests: tuple):
    for test in tests:
        if isinstance(test, Range):
            yield test.low
            yield test.high
        else:
            yield test.value


def _check_type(value: object, column_type: str) -> None:
    found = literal_type(value)
    if column_type != "any" and found is not None and found != column_type:
        hint = ' (write dates as date("2026-01-01"))' if column_type == "date" else ""
        raise UnaryTypeError(f"{found} value {value!r} in a {column_type} column{hint}")


def _check_shape(test: object) -> None:
    if isinstance(test, Comparison) and test.op != "=":
        if test.value is None or isinstance(test.value, bool):
            raise UnarySyntaxError(f"cannot compare {test.op} with {test.value!r}")
    if isinstance(test, Range):
        low_type, high_type = literal_type(test.low), literal_type(test.high)
        if low_type is None or low_type == "boolean" or low_type != high_type:
            raise UnarySyntaxError("range ends must be two numbers, strings or dates of one type")
        if test.low > test.high:
            raise UnarySyntaxError("range start is greater than its end")


def _equality_keys(parsed: Parsed) -> frozenset | None:
    if parsed.negated:
        return None
    keys = set()
    for test in parsed.tests:
        is_equality = isinstance(test, Literal) or isinstance(test, Comparison) and test.op == "="
        if not is_equality:
            return None
        keys.add(value_key(test.value))
    return frozenset(keys)


def _matcher(parsed: Parsed, keys: frozenset | None) -> Matcher:
    if keys is not None:
        return _match_keys(keys)
    tests = tuple(_positive(test) for test in parsed.tests)
    return _match_none_of(tests) if parsed.negated else _match_one_of(tests)


def _match_keys(keys: frozenset) -> Matcher:
    if len(keys) == 1:
        (only,) = keys
        return lambda value, key: key == only
    return lambda value, key: key in keys


def _match_one_of(tests: tuple) -> Matcher:
    return lambda value, key: any(test(value, key) is True for test in tests)


def _match_none_of(tests: tuple) -> Matcher:
    def matches(value: object, key: object) -> bool:
        results = [test(value, key) for test in tests]
        return True not in results and None not in results

    return matches


def _positive(test: object) -> Callable[[object, object], bool | None]:
    if isinstance(test, Range):
        return _range_test(test)
    if isinstance(test, Comparison) and test.op != "=":
        return _comparison_test(_OPS[test.op], test.value)
    expected = value_key(test.value)
    return lambda value, key: key == expected


def _comparison_test(compare: Callable, bound: object) -> Callable:
    tag = TYPE_TAGS[literal_type(bound)]

    def test(value: object, key: object) -> bool | None:
        if key is None or key[0] != tag:
            return None
        return compare(value, bound)

    return test


def _range_test(rng: Range) -> Callable:
    tag = TYPE_TAGS[literal_type(rng.low)]
    above = operator.le if rng.low_closed else operator.lt
    below = operator.le if rng.high_closed else operator.lt
    low, high = rng.low, rng.high

    def test(value: object, key: object) -> bool | None:
        if key is None or key[0] != tag:
            return None
        return above(low, value) and below(value, high)

    return test
