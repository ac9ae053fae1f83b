from datetime import date
from decimal import Decimal

import pytest

from engine.rules.decision_table.unary_syntax import UnarySyntaxError
from engine.rules.decision_table.unary_tests import UnaryTypeError, compile_unary
from engine.rules.decision_table.values import normalize, value_key


def matches(text: str, value: object, column_type: str = "any") -> bool:
    normalised = normalize(value, column_type)
    return compile_unary(text, column_type).matches(normalised, value_key(normalised))


@pytest.mark.parametrize("text", ["-", "", "  -  "])
def test_dash_and_empty_match_anything_including_null(text):
    for value in ("gold", 3, None, True):
        assert matches(text, value)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ('"gold"', "gold", True),
        ('"gold"', "Gold", False),
        ('"gold","platinum"', "platinum", True),
        ('"gold","platinum"', "silver", False),
        ("5", 5, True),
        ("5", 5.0, True),
        ("5", Decimal("5.00"), True),
        ("5", "5", False),
        ("1", True, False),
        ("true", True, True),
        ("true", 1, False),
        ("false", False, True),
        ("null", None, True),
        ("null", "x", False),
        ('"a\\"b"', 'a"b', True),
        ("= 7", 7, True),
        ("-5", -5, True),
    ],
)
def test_equality_literals(text, value, expected):
    assert matches(text, value) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        (">= 100", 100, True),
        (">= 100", 99.99, False),
        ("> 100", 100, False),
        ("< 0.3", 0.1 + 0.2, False),
        ("< 0.31", 0.1 + 0.2, True),
        ("<= -1", -1, True),
        ("< 10", "abc", False),
        ("< 10", None, False),
        ('< "m"', "apple", True),
    ],
)
def test_comparisons(text, value, expected):
    assert matches(text, value) is expected


@pytest.mark.parametrize(
    ("text", "inside", "low_edge", "high_edge"),
    [
        ("[1..10]", 5, True, True),
        ("(1..10)", 5, False, False),
        ("]1..10[", 5, False, False),
        ("[1..10[", 5, True, False),
        ("]1..10]", 5, False, True),
        ("[1..10)", 5, True, False),
    ],
)
def test_ranges_respect_open_and_closed_ends(text, inside, low_edge, high_edge):
    assert matches(text, inside)
    assert matches(text, 1) is low_edge
    assert matches(text, 10) is high_edge
    assert not matches(text, 0)
    assert not matches(text, 11)


def test_not_negates_and_null_stays_unmatched():
    assert matches('not("gold")', "silver")
    assert not matches('not("gold","silver")', "silver")
    assert matches('not("gold")', None)
    assert not matches("not(< 5)", None)
    assert matches("not(< 5)", 7)
    assert not matches("not([1..3])", 2)


def test_mixed_list_of_ranges_and_literals():
    assert matches('[1..3], 7, > 100', 7)
    assert matches('[1..3], 7, > 100', 2.5)
    assert not matches('[1..3], 7, > 100', 50)


def test_dates_compare_as_dates():
    assert matches('date("2026-01-01")', date(2026, 1, 1), "date")
    assert matches('>= date("2026-01-01")', "2026-03-01", "date")
    assert not matches('[date("2026-01-01")..date("2026-01-31")]', "2026-02-01", "date")


def test_equality_keys_exposed_only_for_plain_literal_lists():
    assert compile_unary('"a","b"').equality_keys == {("s", "a"), ("s", "b")}
    assert compile_unary("= 3").equality_keys == {("n", Decimal(3))}
    assert compile_unary("> 3").equality_keys is None
    assert compile_unary('not("a")').equality_keys is None
    assert compile_unary("-").is_any and compile_unary("-").equality_keys is None


@pytest.mark.parametrize(
    "text",
    ["gold", '"gold', "[1..]", "[1..2", "< ", '"a" "b"', "not(1", "> null", "< true",
     '[1.."z"]', "[5..1]", 'date("tomorrow")', "1 ; 2", "[1..2}"],
)
def test_bad_syntax_is_rejected(text):
    with pytest.raises(UnarySyntaxError):
        compile_unary(text)


@pytest.mark.parametrize(
    ("text", "column_type"),
    [('"gold"', "number"), ("5", "string"), ('"2026-01-01"', "date"), ("true", "number")],
)
def test_literal_of_wrong_type_for_column_is_rejected(text, column_type):
    with pytest.raises(UnaryTypeError):
        compile_unary(text, column_type)
