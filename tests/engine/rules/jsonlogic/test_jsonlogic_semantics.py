"""json-logic-js semantics beyond the official suite."""

import logging
import math

import pytest

from engine.rules.jsonlogic import CompiledRule, apply, compile


def test_compile_returns_a_callable_that_keeps_its_source():
    rule = {"var": "a"}
    compiled = compile(rule)
    assert isinstance(compiled, CompiledRule)
    assert compiled.rule is rule
    assert compiled({"a": 7}) == 7
    assert compiled({"a": 8}) == 8


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"var": ["a", 1]}, {"a": None}, None),
        ({"var": ["a.b", 1]}, {"a": None}, 1),
        ({"var": ["x", 5]}, {"x": 0}, 0),
        ({"var": "items.length"}, {"items": [1, 2, 3]}, 3),
        ({"var": "name.length"}, {"name": "ordo"}, 4),
        ({"var": "items.01"}, {"items": [1, 2]}, None),
        ({"var": "items.-1"}, {"items": [1, 2]}, None),
        ({"var": "items.1.sku"}, {"items": [{"sku": "a"}, {"sku": "b"}]}, "b"),
        ({"var": "word.1"}, {"word": "abc"}, "b"),
        ({"var": "n.x"}, {"n": 5}, None),
        ({"var": "a.b.c"}, {"a": {"b": {"c": 3}}}, 3),
        ({"var": "a.b.c"}, {"a": {"b": [1]}}, None),
        ({"var": ["a", {"var": "fallback"}]}, {"fallback": "fb"}, "fb"),
        ({"var": ["a", {"var": "fallback"}]}, {"a": 1, "fallback": "fb"}, 1),
        ({"var": {"cat": ["a", ".", "b"]}}, {"a": {"b": 9}}, 9),
        ({"var": [{"var": "key"}, "none"]}, {"key": "missing"}, "none"),
        ({"var": 1.5}, {"1": {"5": "deep"}}, "deep"),
    ],
)
def test_var_paths(rule, data, expected):
    assert apply(rule, data) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"==": [None, 0]}, False),
        ({"==": [None, None]}, True),
        ({"==": ["", 0]}, True),
        ({"==": [" 12 ", 12]}, True),
        ({"==": ["0x10", 16]}, True),
        ({"==": [[1], 1]}, True),
        ({"==": [[1, 2], "1,2"]}, True),
        ({"==": [True, "1"]}, True),
        ({"==": [False, []]}, True),
        ({"==": [{"var": "nan"}, {"var": "nan"}]}, False),
        ({"==": ["abc", "abc"]}, True),
        ({"==": [1.0, 1]}, True),
        ({"===": [1.0, 1]}, True),
        ({"===": [True, 1]}, False),
        ({"===": [None, None]}, True),
        ({"===": [{"var": "list"}, {"var": "list"}]}, True),
        ({"===": [[1], [1]]}, False),
        ({"!=": [None, 0]}, True),
        ({"in": [1, [True]]}, False),
        ({"in": [1, [1.0]]}, True),
        ({"in": ["a", "cat"]}, True),
        ({"in": [1, "a1"]}, True),
        ({"in": ["a", None]}, False),
        ({"in": [None, [None]]}, True),
        ({"<": ["a", "b"]}, True),
        ({"<": ["10", "9"]}, True),
        ({"<": ["10", 9]}, False),
        ({"<": [None, 1]}, True),
        ({"<": ["abc", 1]}, False),
        ({">=": ["abc", 1]}, False),
        ({"<": [[2], 10]}, True),
        ({"<=": [1, 5, 5]}, True),
        ({"<": [1, 5, 5]}, False),
        ({"!": [{}]}, False),
        ({"!!": ["0"]}, True),
        ({"!!": [{"var": "nan"}]}, False),
        ({"!!": [0.0]}, False),
        ({"!!": [-0.5]}, True),
        ({"all": [{"var": "list"}, {"var": ""}]}, True),
        ({"all": ["abc", True]}, False),
        ({"none": [None, True]}, True),
        ({"some": [[0, 0, 1], {"var": ""}]}, True),
    ],
)
def test_boolean_results(rule, expected):
    assert apply(rule, {"nan": math.nan, "list": [1, 2]}) is expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"+": []}, 0),
        ({"+": ["3.5"]}, 3.5),
        ({"+": ["12px"]}, 12),
        ({"*": ["2", "3"]}, 6),
        ({"-": ["5", "2"]}, 3),
        ({"/": [4, 2]}, 2),
        ({"/": [1, 3]}, 1 / 3),
        ({"%": [-7, 2]}, -1),
        ({"%": [7, -2]}, 1),
        ({"%": [-7.5, 2]}, -1.5),
        ({"/": [1, 0]}, math.inf),
        ({"/": [-1, 0]}, -math.inf),
        ({"/": [1, -0.0]}, -math.inf),
        ({"max": [1, "7", 3]}, 7),
        ({"min": [True, 2]}, 1),
        ({"+": [0.1, 0.2]}, 0.30000000000000004),
    ],
)
def test_arithmetic(rule, expected):
    result = apply(rule)
    assert result == expected and type(result) is not bool


@pytest.mark.parametrize(
    "rule",
    [{"+": ["abc"]}, {"+": [None, 1]}, {"-": ["x", 1]}, {"/": [0, 0]}, {"%": [1, 0]}, {"max": [1, "x"]},
     {"*": [{"a": 1, "b": 2}, 2]}],
)
def test_arithmetic_on_non_numbers_is_nan(rule):
    assert math.isnan(apply(rule))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"cat": [1.5, " ", 2.0, " ", None, True, [1, [2, None]]]}, "1.5 2 true1,2,"),
        ({"cat": [0.1, "|", 1e21, "|", 1e-7, "|", 123456789.125]}, "0.1|1e+21|1e-7|123456789.125"),
        ({"cat": [{"a": 1, "b": 2}]}, "[object Object]"),
        ({"substr": ["jsonlogic", 20]}, ""),
        ({"substr": ["jsonlogic", -20, 4]}, "json"),
        ({"substr": ["jsonlogic", 4, -20]}, ""),
        ({"substr": ["jsonlogic", "2", "3"]}, "onl"),
        ({"substr": [12345, 1, 2]}, "23"),
        ({"merge": [[1, [2]], 3, []]}, [1, [2], 3]),
        ({"if": [0, "a", "", "b", [], "c"]}, None),
        ({"if": [0, "a", "", "b", [], "c", "d"]}, "d"),
        ({"if": [None, "a", "0", "b", "c"]}, "b"),
        ({"or": [0, "", None]}, None),
        ({"and": [1, "x", [1]]}, [1]),
        ({"?:": [[], "yes", "no"]}, "no"),
        ({"a": 1, "b": 2}, {"a": 1, "b": 2}),
        ({}, {}),
    ],
)
def test_values(rule, expected):
    assert apply(rule) == expected


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"map": [{"var": "x"}, {"+": [{"var": ""}, 1]}]}, {"x": "abc"}, []),
        ({"filter": [{"var": "x"}, True]}, {"x": {"a": 1}}, []),
        ({"filter": [{"var": "x"}, {"var": ""}]}, {"x": [0, 1, "", "a", [], [0]]}, [1, "a", [0]]),
        ({"reduce": [{"var": "x"}, {"+": [1, 1]}, {"var": "start"}]}, {"x": 7, "start": 5}, 5),
        ({"reduce": [{"var": "x"}, {"cat": [{"var": "accumulator"}, {"var": "current"}]}]}, {"x": ["a", "b"]},
         "ab"),
        ({"reduce": [[1, 2, 3], {"+": [{"var": "accumulator"}, {"var": "current"}]}, {"var": "start"}]},
         {"start": 10}, 16),
        ({"missing": ["a", "b", "c"]}, {"a": None, "b": "", "c": 0}, ["a", "b"]),
        ({"missing": [{"var": "wanted"}]}, {"wanted": ["x", "y"], "y": 1}, ["x"]),
        ({"missing": ["items.0", "items.2"]}, {"items": [1, 2]}, ["items.2"]),
        ({"missing_some": [1, {"var": "keys"}]}, {"keys": ["a", "b"], "b": 1}, []),
        ({"missing_some": [3, ["a", "b", "c"]]}, {"a": 1, "b": 2}, ["c"]),
    ],
)
def test_data_driven(rule, data, expected):
    assert apply(rule, data) == expected


def test_results_are_fresh_each_evaluation():
    compiled = compile({"if": [{"var": "x"}, [1, 2], [3]]})
    first = compiled({"x": True})
    first.append(99)
    assert compiled({"x": True}) == [1, 2]


def test_log_returns_its_value_and_logs_it(caplog):
    with caplog.at_level(logging.DEBUG, logger="engine.rules.jsonlogic"):
        assert apply({"log": [{"var": "a"}]}, {"a": [1, 2]}) == [1, 2]
    assert "[1, 2]" in caplog.text


def test_apply_without_data_uses_null():
    assert apply({"var": ""}) is None
    assert apply({"missing": ["a"]}) == ["a"]
