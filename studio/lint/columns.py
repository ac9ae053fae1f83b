"""What lint knows about a column: its universe of values and how a cell maps to a value set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from engine.rules.decision_table.unary_syntax import Comparison, Literal, Range, parse
from engine.rules.decision_table.unary_tests import compile_unary
from engine.rules.decision_table.values import NULL_KEY, normalize, value_key

from .intervals import FULL, Interval, point
from .value_sets import ValueSet

TYPE_TAGS = {"number": ("n",), "string": ("s",), "date": ("d",), "boolean": ("b",), "any": ("n", "s", "d", "b")}
BOOLEAN_KEYS = (("b", True), ("b", False))


@dataclass(frozen=True)
class Column:
    """A column for lint: ``universe`` includes null, ``values`` does not."""

    name: str
    type: str
    allowed_keys: tuple | None
    universe: ValueSet
    values: ValueSet

    @property
    def finite(self) -> bool:
        """True when the column's values are an explicit list (allowedValues, or boolean)."""
        return self.allowed_keys is not None


def column_for(spec: dict) -> Column:
    """The lint view of an input column spec."""
    column_type = spec.get("type", "any")
    keys = _allowed_keys(spec, column_type)
    if keys is not None:
        values = ValueSet.of({"f": frozenset(keys)})
        universe = ValueSet.of({"f": frozenset(keys + (NULL_KEY,))})
    else:
        values = ValueSet.of({tag: _everything(tag) for tag in TYPE_TAGS.get(column_type, TYPE_TAGS["any"])})
        universe = values | ValueSet.of({"z": frozenset({None})})
    return Column(spec["name"], column_type, keys, universe, values)


def _allowed_keys(spec: dict, column_type: str) -> tuple | None:
    if "allowedValues" in spec:
        keys = (value_key(normalize(value, column_type)) for value in spec["allowedValues"])
        return tuple(dict.fromkeys(key for key in keys if key is not None and key != NULL_KEY))
    return BOOLEAN_KEYS if column_type == "boolean" else None


def _everything(tag: str):
    return frozenset({True, False}) if tag == "b" else (FULL,)


def cell_set(column: Column, text: str) -> ValueSet:
    """The values (null included) for which a unary-test cell matches."""
    if column.finite:
        return _finite_cell_set(column, text)
    parsed = parse(text)
    if parsed.is_any:
        return column.universe
    matched = column.universe & _union(_test_set(test) for test in parsed.tests)
    if not parsed.negated:
        return matched
    return _defined_for(column.universe, parsed.tests) - matched


def _finite_cell_set(column: Column, text: str) -> ValueSet:
    matches = compile_unary(text, column.type).matches
    keys = [key for key in column.allowed_keys + (NULL_KEY,) if matches(key[1], key)]
    return ValueSet.of({"f": frozenset(keys)})


def _union(sets) -> ValueSet:
    result = ValueSet(())
    for value_set in sets:
        result = result | value_set
    return result


def _defined_for(universe: ValueSet, tests: tuple) -> ValueSet:
    """The values for which every test answers true or false (a comparison of other types is null)."""
    result = universe
    for test in tests:
        if isinstance(test, Range) or isinstance(test, Comparison) and test.op != "=":
            result = result.only({_tag(test.low if isinstance(test, Range) else test.value)})
    return result


def _test_set(test) -> ValueSet:
    if isinstance(test, Range):
        return _ordered(test.low, Interval(test.low, test.high, test.low_closed, test.high_closed))
    if isinstance(test, Literal) or test.op == "=":
        return _equal_to(test.value)
    bounds = {"<": (None, test.value, False, False), "<=": (None, test.value, False, True),
              ">": (test.value, None, False, False), ">=": (test.value, None, True, False)}
    return _ordered(test.value, Interval(*bounds[test.op]))


def _equal_to(value: object) -> ValueSet:
    if value is None:
        return ValueSet.of({"z": frozenset({None})})
    if isinstance(value, bool):
        return ValueSet.of({"b": frozenset({value})})
    return _ordered(value, point(value))


def _ordered(value: object, interval: Interval) -> ValueSet:
    return ValueSet.of({_tag(value): (interval,)})


def _tag(value: object) -> str:
    if isinstance(value, Decimal):
        return "n"
    if isinstance(value, date):
        return "d"
    return "s"
