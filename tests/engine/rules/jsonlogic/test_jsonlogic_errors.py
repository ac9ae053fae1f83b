"""Malformed rules fail at compile time with a JSON pointer and a machine code."""

import pytest

from engine.rules.jsonlogic import JsonLogicError, apply, compile


def _error_of(rule, **kwargs) -> JsonLogicError:
    with pytest.raises(JsonLogicError) as caught:
        compile(rule, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("rule", "pointer"),
    [
        ({"frob": [1]}, ""),
        ({"and": [True, {"frob": [1]}]}, "/and/1"),
        ({"if": [{"var": "x"}, {"map": [[1], {"frob": 1}]}, 0]}, "/if/1/map/1"),
        ({"!": {"frob": 1}}, "/!"),
        ({"/": [1, {"x/y~z": 1}]}, "/~1/1"),
        ([1, {"cat": ["a", {"nope": []}]}], "/1/cat/1"),
    ],
)
def test_unknown_operator_is_located(rule, pointer):
    error = _error_of(rule)
    assert (error.pointer, error.code) == (pointer, "unknown_operator")


def test_unknown_operator_error_is_a_value_error_with_text():
    error = _error_of({"and": [True, {"frob": [1]}]})
    assert isinstance(error, ValueError)
    assert "frob" in error.message
    assert "/and/1" in str(error)


def test_unknown_operator_fails_even_in_an_unreached_branch():
    with pytest.raises(JsonLogicError):
        compile({"if": [True, 1, {"frob": []}]})


@pytest.mark.parametrize(
    ("rule", "pointer"),
    [
        ({"var": True}, "/var"),
        ({"var": [False, 1]}, "/var/0"),
        ({"var": [["a"]]}, "/var/0"),
        ({"and": [{"var": {}}]}, "/and/0/var"),
        ({"var": [{"a": 1, "b": 2}]}, "/var/0"),
    ],
)
def test_bad_var_argument_is_located(rule, pointer):
    error = _error_of(rule)
    assert (error.pointer, error.code) == (pointer, "invalid_var_path")


@pytest.mark.parametrize(
    ("rule", "pointer"),
    [
        ({"var": ["a", 1, 2]}, ""),
        ({"and": [{"==": [1]}]}, "/and/0"),
        ({"!": [1, 2]}, ""),
        ({"?:": [True, 1]}, ""),
        ({">": [1]}, ""),
        ({"-": []}, ""),
        ({"%": [7]}, ""),
        ({"throw": ["a", "b"]}, ""),
        ({"try": []}, ""),
        ({"map": [[1]]}, ""),
        ({"substr": ["abc"]}, ""),
        ({"/": []}, ""),
    ],
)
def test_wrong_arity_is_located(rule, pointer):
    error = _error_of(rule)
    assert (error.pointer, error.code) == (pointer, "wrong_arity")


def test_value_that_is_not_json_is_rejected():
    error = _error_of({"==": [1, {1, 2}]})
    assert (error.pointer, error.code) == ("/==/1", "invalid_value")


def test_extra_operation_is_available_to_its_rule_only():
    doubled = compile({"double": [{"var": "x"}]}, operations={"double": lambda value: value * 2})
    assert doubled({"x": 21}) == 42
    assert apply({"plus": [1, 2, 3]}, operations={"plus": lambda *values: sum(values)}) == 6
    assert _error_of({"double": [1]}).code == "unknown_operator"


def test_extra_operation_may_not_replace_a_builtin():
    error = _error_of({"var": "x"}, operations={"var": lambda key: key})
    assert error.code == "reserved_operator"
