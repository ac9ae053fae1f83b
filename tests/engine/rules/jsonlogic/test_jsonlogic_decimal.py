"""Decimal money in the data stays Decimal and mixes with int and float without raising."""

from decimal import Decimal

import pytest

from engine.rules.jsonlogic import apply


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"+": [{"var": "total"}, 10]}, {"total": Decimal("150.25")}, Decimal("160.25")),
        ({"+": [{"var": "total"}, 0.1]}, {"total": Decimal("0.2")}, Decimal("0.3")),
        ({"+": [{"var": "a"}, {"var": "b"}, 1]}, {"a": 0.1, "b": Decimal("0.2")}, Decimal("1.3")),
        ({"-": [{"var": "total"}, 0.05]}, {"total": Decimal("10")}, Decimal("9.95")),
        ({"-": [{"var": "total"}]}, {"total": Decimal("10.50")}, Decimal("-10.50")),
        ({"*": [{"var": "total"}, 1.1]}, {"total": Decimal("100")}, Decimal("110.0")),
        ({"/": [{"var": "total"}, 4]}, {"total": Decimal("10")}, Decimal("2.5")),
        ({"%": [{"var": "total"}, 3]}, {"total": Decimal("-10")}, Decimal("-1")),
        ({"max": [{"var": "a"}, 0.5, 0]}, {"a": Decimal("0.25")}, Decimal("0.5")),
        ({"min": [{"var": "a"}, 0.5]}, {"a": Decimal("0.25")}, Decimal("0.25")),
        ({"+": ["2.5", {"var": "a"}]}, {"a": Decimal("1")}, Decimal("3.5")),
        ({"reduce": [{"var": "lines"}, {"+": [{"var": "accumulator"}, {"var": "current.price"}]}, 0]},
         {"lines": [{"price": Decimal("9.99")}, {"price": Decimal("0.01")}]}, Decimal("10.00")),
    ],
)
def test_arithmetic_keeps_decimal(rule, data, expected):
    result = apply(rule, data)
    assert type(result) is Decimal
    assert result == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({">=": [{"var": "total"}, 100]}, True),
        ({">": [{"var": "total"}, 100]}, False),
        ({"<": [99.99, {"var": "total"}]}, True),
        ({"<=": [0, {"var": "total"}, 100.0]}, True),
        ({"==": [{"var": "total"}, 100]}, True),
        ({"==": [{"var": "total"}, "100"]}, True),
        ({"===": [{"var": "total"}, 100.0]}, True),
        ({"!==": [{"var": "total"}, 100]}, False),
        ({"in": [{"var": "total"}, [1, 100, 1000]]}, True),
    ],
)
def test_comparisons_accept_decimal_with_int_float_and_text(rule, expected):
    assert apply(rule, {"total": Decimal("100.00")}) is expected


def test_float_meets_decimal_as_its_shortest_text():
    assert apply({"==": [{"var": "x"}, 0.1]}, {"x": Decimal("0.1")}) is True
    assert apply({"<": [{"var": "x"}, 0.1]}, {"x": Decimal("0.1")}) is False


def test_decimal_literal_in_a_rule_compares_with_float_data():
    assert apply({">": [{"var": "x"}, Decimal("99.5")]}, {"x": 100.0}) is True
    assert apply({">": [{"var": "x"}, Decimal("99.5")]}, {"x": 99.1}) is False


def test_decimal_division_by_zero_is_infinite_not_an_exception():
    assert apply({"/": [{"var": "x"}, 0]}, {"x": Decimal("5")}) == Decimal("Infinity")
    assert apply({"/": [{"var": "x"}, 0]}, {"x": Decimal("-5")}) == Decimal("-Infinity")
    assert apply({"/": [{"var": "x"}, 0]}, {"x": Decimal("0")}).is_nan()
    assert apply({"%": [{"var": "x"}, 0]}, {"x": Decimal("5")}).is_nan()


def test_decimal_nan_compares_false_without_raising():
    for relation in ("<", "<=", ">", ">=", "==", "==="):
        assert apply({relation: [{"var": "x"}, 1]}, {"x": Decimal("NaN")}) is False


def test_decimal_truthiness_and_text():
    assert apply({"!!": {"var": "x"}}, {"x": Decimal("0.00")}) is False
    assert apply({"!!": {"var": "x"}}, {"x": Decimal("0.01")}) is True
    assert apply({"cat": ["EUR ", {"var": "x"}]}, {"x": Decimal("150.00")}) == "EUR 150.00"
