from decimal import Decimal

import pytest

from engine.rules.events.event_values import EventValueError, to_matchable


def test_decimals_become_ints_when_whole_and_floats_otherwise():
    converted = to_matchable({"a": Decimal("2.00"), "b": Decimal("1.25"), "c": [Decimal("1E+2")]})

    assert converted == {"a": 2, "b": 1.25, "c": [100]}
    assert type(converted["a"]) is int and type(converted["c"][0]) is int
    assert type(converted["b"]) is float


def test_plain_json_values_and_tuples_pass_through():
    event = {"s": "x", "i": 1, "f": 1.5, "t": True, "n": None, "l": (1, {"k": "v"})}

    assert to_matchable(event) == {"s": "x", "i": 1, "f": 1.5, "t": True, "n": None, "l": [1, {"k": "v"}]}


@pytest.mark.parametrize("event, where", [
    ({"a": Decimal("NaN")}, "/a"),
    ({"a": [Decimal("Infinity")]}, "/a/0"),
    ({"a": float("inf")}, "/a"),
    ({"a": {1: "x"}}, "/a"),
    ({"a": {"b": {1, 2}}}, "/a/b"),
])
def test_values_that_cannot_be_matched_are_refused_with_their_path(event, where):
    with pytest.raises(EventValueError, match=f"^{where}:"):
        to_matchable(event)


def test_an_event_must_be_an_object():
    with pytest.raises(EventValueError):
        to_matchable(["not", "an", "object"])
