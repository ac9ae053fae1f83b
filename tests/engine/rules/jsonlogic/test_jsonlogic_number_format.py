"""Floats print the way JavaScript's String(number) prints them."""

import math

import pytest

from engine.rules.jsonlogic.number_format import format_js_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1"),
        (-2.0, "-2"),
        (0.0, "0"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (123.456, "123.456"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (1.5e22, "1.5e+22"),
        (1e-6, "0.000001"),
        (1.25e-7, "1.25e-7"),
        (-3.5e-9, "-3.5e-9"),
        (0.1 + 0.2, "0.30000000000000004"),
        (2.5e16, "25000000000000000"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
    ],
)
def test_format_js_number(value, text):
    assert format_js_number(value) == text
