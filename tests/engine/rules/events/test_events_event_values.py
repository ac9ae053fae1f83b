import json
from decimal import Decimal

import pytest

from engine.rules.events.event_values import EventValueError, encode_event


def decoded(event):
    return json.loads(encode_event(event, "s-1"))


def test_decimals_become_ints_when_whole_and_floats_otherwise():
    converted = decoded({"a": Decimal("2.00"), "b": Decimal("1.25"), "c": [Decimal("1E+2")]})

    assert converted == {"a": 2, "b": 1.25, "c": [100], "sid": "s-1"}
    assert type(converted["a"]) is int and type(converted["c"][0]) is int
    assert type(converted["b"]) is float


def test_plain_json_values_and_tuples_pass_through_with_the_session_id():
    event = {"s": "é", "i": 1, "f": 1.5, "t": True, "n": None, "l": (1, {"k": "v"}), "sid": "theirs"}

    assert decoded(event) == {"s": "é", "i": 1, "f": 1.5, "t": True, "n": None, "l": [1, {"k": "v"}],
                              "sid": "s-1"}


def test_the_event_is_left_unchanged():
    event = {"a": Decimal("1.5")}

    encode_event(event, "s-1")

    assert event == {"a": Decimal("1.5")}


@pytest.mark.parametrize("event, reason", [
    ({"a": Decimal("NaN")}, "NaN is not a finite number"),
    ({"a": [Decimal("Infinity")]}, "Infinity is not a finite number"),
    ({"a": float("inf")}, "not plain JSON"),
    ({"a": {(1, 2): "x"}}, "not plain JSON"),
    ({"a": {"b": {1, 2}}}, "set is not a JSON value"),
    (["not", "an", "object"], "must be an object"),
])
def test_values_that_cannot_be_matched_are_refused(event, reason):
    with pytest.raises(EventValueError, match=reason):
        encode_event(event, "s-1")
