"""json-logic-engine's operators and extensions, operator by operator, with their error cases."""

import math
import threading
from decimal import Decimal

import pytest

from engine.rules.jsonlogic import JsonLogicError, JsonLogicRuntimeError, apply, compile

DATA = {"a": {"b": 1, "c.d": 2, "n": None}, "xs": [10, 20, 30], "text": "abc", "adder": 100}


def _compile_error(rule) -> JsonLogicError:
    with pytest.raises(JsonLogicError) as caught:
        compile(rule)
    return caught.value


def _runtime_error(rule, data=None) -> JsonLogicRuntimeError:
    with pytest.raises(JsonLogicRuntimeError) as caught:
        apply(rule, data)
    return caught.value


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"val": "a"}, DATA["a"]),
        ({"val": ["a", "b"]}, 1),
        ({"val": ["a", "c.d"]}, 2),
        ({"val": "a.b"}, None),
        ({"val": ["a", "n"]}, None),
        ({"val": ["a", "missing", "deeper"]}, None),
        ({"val": ["xs", 1]}, 20),
        ({"val": ["xs", "2"]}, 30),
        ({"val": ["xs", -1]}, None),
        ({"val": ["xs", 3]}, None),
        ({"val": ["xs", "length"]}, 3),
        ({"val": ["text", 1]}, "b"),
        ({"val": [None, "adder"]}, 100),
        ({"val": []}, DATA),
        ({"val": None}, DATA),
        ({"val": [{"cat": ["ad", "der"]}]}, 100),
        ({"val": {"preserve": ["a", "b"]}}, 1),
        ({"val": [["a", "b"]]}, 1),
        ({"val": [[0], "adder"]}, 100),
    ],
)
def test_val_reads_a_path_of_keys(rule, expected):
    assert apply(rule, DATA) == expected


def test_val_at_top_level_climbs_into_nothing():
    assert apply({"val": [[1], "index"]}, DATA) is None
    assert apply({"val": [[2], "adder"]}, DATA) is None


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"map": [{"val": "xs"}, {"val": [[1], "index"]}]}, [0, 1, 2]),
        ({"map": [{"val": "xs"}, {"+": [{"val": []}, {"val": [[-2], "adder"]}]}]}, [110, 120, 130]),
        ({"map": [{"val": "xs"}, {"val": [[1], "iterator", 0]}]}, [10, 10, 10]),
        ({"filter": [{"val": "xs"}, {">": [{"val": [[1], "index"]}, 0]}]}, [20, 30]),
        ({"all": [{"val": "xs"}, {"<": [{"val": [[1], "index"]}, 3]}]}, True),
        ({"some": [{"val": "xs"}, {"==": [{"val": [[1], "index"]}, 2]}]}, True),
        ({"none": [{"val": "xs"}, {"==": [{"val": [[1], "index"]}, 5]}]}, True),
        ({"reduce": [{"val": "xs"}, {"+": [{"val": "accumulator"}, {"val": [[1], "index"]}]}, 0]}, 3),
        ({"map": [[1, 2], {"map": [[3], {"val": [[4], "adder"]}]}]}, [[100], [100]]),
        ({"map": [[1, 2], {"map": [["x"], {"val": [[3], "index"]}]}]}, [[0], [1]]),
        ({"map": [[1, 2], {"map": [["x"], {"val": [[2]]}]}]}, [[1], [2]]),
        ({"try": [{"throw": "oops"}, {"cat": [{"val": "type"}, {"val": [[2], "text"]}]}]}, "oopsabc"),
    ],
)
def test_val_climbs_out_of_enclosing_iterations(rule, expected):
    assert apply(rule, DATA) == expected


def test_scope_is_left_clean_when_an_iteration_fails():
    failing = compile({"map": [{"val": "xs"}, {"if": [{"val": [[1], "index"]}, {"throw": "late"}, 0]}]})
    with pytest.raises(JsonLogicRuntimeError):
        failing(DATA)
    assert apply({"val": [[1], "index"]}, DATA) is None


def test_scopes_belong_to_their_thread():
    rule = compile({"map": [{"val": "xs"}, {"val": [[1], "index"]}]})
    results = []
    threads = [threading.Thread(target=lambda: results.append(rule(DATA))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [[0, 1, 2]] * 4


@pytest.mark.parametrize(
    ("rule", "pointer"),
    [
        ({"val": [["a"], "b"]}, "/val/0"),
        ({"val": [[1.5], "b"]}, "/val/0"),
        ({"val": ["a", ["b", "c"]]}, "/val/1"),
        ({"val": [["a", {"k": 1, "j": 2}]]}, "/val/0/1"),
        ({"val": [True]}, "/val/0"),
        ({"and": [{"val": {"x": 1, "y": 2}}]}, "/and/0/val"),
        ({"exists": ["a", {"p": 1, "q": 2}]}, "/exists/1"),
    ],
)
def test_bad_val_path_is_located(rule, pointer):
    error = _compile_error(rule)
    assert (error.pointer, error.code) == (pointer, "invalid_val_path")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"exists": "a"}, True),
        ({"exists": ["a", "n"]}, True),
        ({"exists": ["a", "c.d"]}, True),
        ({"exists": ["a", "zz"]}, False),
        ({"exists": "a.b"}, False),
        ({"exists": ["xs", 2]}, True),
        ({"exists": ["xs", 3]}, False),
        ({"exists": ["a", "b", "c"]}, False),
        ({"exists": []}, True),
        ({"map": [{"val": "xs"}, {"exists": [[1], "index"]}]}, [True, True, True]),
    ],
)
def test_exists_tells_a_stored_null_from_a_missing_key(rule, expected):
    assert apply(rule, DATA) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"??": [None, {"val": "zz"}, False, 1]}, False),
        ({"??": [{"val": ["a", "n"]}, 0]}, 0),
        ({"??": [{"val": "zz"}, {"val": "adder"}]}, 100),
        ({"??": [None]}, None),
        ({"??": []}, None),
        ({"??": ["first", {"throw": "never evaluated"}]}, "first"),
    ],
)
def test_coalesce_returns_the_first_non_null(rule, expected):
    assert apply(rule, DATA) == expected


def test_throw_raises_an_error_object():
    error = _runtime_error({"throw": "Out of stock"})
    assert error.error == {"type": "Out of stock"}
    assert error.type == "Out of stock"
    assert isinstance(error, ValueError)
    assert _runtime_error({"throw": {"val": "e"}}, {"e": {"type": "Custom", "at": 3}}).error == {"type": "Custom", "at": 3}
    assert _runtime_error({"throw": [{"cat": ["A", "B"]}]}).type == "AB"


def test_throw_takes_one_operand():
    error = _compile_error({"if": [True, {"throw": ["a", "b"]}]})
    assert (error.pointer, error.code) == ("/if/1", "wrong_arity")


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"try": [{"throw": "x"}, 1]}, None, 1),
        ({"try": [{"val": "a"}, 1]}, {"a": None}, None),
        ({"try": [False, 1]}, None, False),
        ({"try": [{"throw": "x"}, {"val": "type"}]}, None, "x"),
        ({"try": [{"throw": {"val": "e"}}, {"val": []}]}, {"e": {"type": "T", "more": 1}}, {"type": "T"}),
        ({"try": [{"throw": "A"}, {"throw": "B"}, {"val": "type"}]}, None, "B"),
        ({"try": [{"/": [0, 0]}, {"val": "type"}]}, None, "NaN"),
        ({"try": [{"/": [1, 0]}, "fallback"]}, None, "fallback"),
        ({"try": [{"+": ["abc"]}, 0]}, None, 0),
        ({"try": [{"/": [{"val": "x"}, 0]}, "decimal"]}, {"x": Decimal("1.50")}, "decimal"),
        ({"try": [{"map": [[1, 2], {"throw": "inner"}]}, {"val": "type"}]}, None, "inner"),
        ({"map": [[1, 2], {"try": [{"throw": "x"}, {"val": [[3], "index"]}]}]}, None, [0, 1]),
    ],
)
def test_try_returns_the_first_operand_that_succeeds(rule, data, expected):
    assert apply(rule, data) == expected


def test_try_raises_the_last_error_when_every_operand_fails():
    assert _runtime_error({"try": [{"throw": "first"}, {"throw": "second"}]}).type == "second"
    assert _runtime_error({"try": {"throw": "only"}}).type == "only"
    assert _runtime_error({"try": [{"/": [1, 0]}]}).error == {"type": "NaN"}


def test_try_needs_an_operand():
    assert _compile_error({"try": []}).code == "wrong_arity"


def test_classic_arithmetic_outside_try_still_gives_nan_and_infinity():
    assert math.isnan(apply({"/": [0, 0]}))
    assert apply({"/": [1, 0]}) == math.inf


@pytest.mark.parametrize(
    "raw",
    [
        {"+": [1, 2, 3]},
        [1, {"var": "x"}],
        {"a": 1, "b": [2, {"c": None}]},
        [],
        {},
        "text",
        None,
    ],
)
def test_preserve_returns_its_operand_unevaluated(raw):
    assert apply({"preserve": raw}, {"x": 5}) == raw


def test_preserve_does_not_compile_its_operand():
    assert apply({"preserve": {"frob": [1]}}) == {"frob": [1]}


def test_preserve_still_refuses_values_that_are_not_json():
    error = _compile_error({"and": [{"preserve": {"a": [1, {2, 3}]}}]})
    assert (error.pointer, error.code) == ("/and/0/preserve/a/1", "invalid_value")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({">": [3, 2, 1]}, True),
        ({">": [3, 2, 2]}, False),
        ({">=": [3, 2, 2]}, True),
        ({"<": [1, 2, 3, 4]}, True),
        ({"<": [1, 2, 3, 3]}, False),
        ({"<=": [1, 1, 2, 2]}, True),
        ({"<": [1, 2, 3]}, True),
        ({"<": [1, 4, 3]}, False),
        ({"==": [1, "1", 1.0]}, True),
        ({"==": [1, 1, 2]}, False),
        ({"!=": [1, 2, 1]}, True),
        ({"!=": [1, 1, 2]}, False),
        ({"===": [1, 1, 1]}, True),
        ({"===": [1, 1, "1"]}, False),
        ({"!==": [1, "1", 1]}, True),
        ({"!==": [1, 2, 2]}, False),
        ({">": [3, 4, {"throw": "never evaluated"}]}, False),
        ({">": [Decimal("3.5"), 3, 2.5]}, True),
    ],
)
def test_comparisons_chain_over_every_adjacent_pair(rule, expected):
    assert apply(rule) is expected


@pytest.mark.parametrize("operator", ["<", "<=", ">", ">=", "==", "!=", "===", "!=="])
def test_comparisons_need_two_operands(operator):
    error = _compile_error({"!": [{operator: [1]}]})
    assert (error.pointer, error.code) == ("/!/0", "wrong_arity")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"-": [1, 2, 3, 4]}, -8),
        ({"-": [10, "2", True]}, 7),
        ({"-": 5}, -5),
        ({"/": [8, 2, 2]}, 2),
        ({"/": [2]}, 0.5),
        ({"/": 4}, 0.25),
        ({"%": [17, 5, 3]}, 2),
        ({"*": []}, 1),
        ({"+": []}, 0),
        ({"+": [True, True]}, 2),
        ({"+": [True, False, True, 1]}, 3),
        ({"+": True}, 1),
        ({"*": [True, 3]}, 3),
        ({"*": [False, 3]}, 0),
    ],
)
def test_arithmetic_over_any_number_of_operands(rule, expected):
    assert apply(rule) == expected


def test_variadic_arithmetic_keeps_decimal_money():
    assert apply({"-": [{"var": "total"}, 10, Decimal("0.50"), 0.25]}, {"total": Decimal("100.00")}) == Decimal("89.25")
    assert apply({"/": [{"var": "total"}, 2, 2]}, {"total": Decimal("10.00")}) == Decimal("2.50")
    assert type(apply({"-": [{"var": "total"}, 1, 1]}, {"total": Decimal("3")})) is Decimal


@pytest.mark.parametrize(("rule", "pointer"), [({"-": []}, ""), ({"/": []}, ""), ({"%": [1]}, "")])
def test_arithmetic_without_enough_operands_fails_at_compile_time(rule, pointer):
    error = _compile_error(rule)
    assert (error.pointer, error.code) == (pointer, "wrong_arity")


def test_and_or_without_operands_are_null():
    assert apply({"and": []}) is None
    assert apply({"or": []}) is None
    assert apply({"if": [{"and": []}, "yes", "no"]}) == "no"


@pytest.mark.parametrize("operator", ["map", "filter", "reduce", "all", "some", "none"])
def test_iterating_operator_refuses_an_operand_that_is_not_a_list(operator):
    error = _compile_error({"and": [True, {operator: {"var": "pairs"}}]})
    assert (error.pointer, error.code) == ("/and/1", "invalid_arguments")
    assert operator in error.message


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"map": [{"var": "n"}, 1]}, []),
        ({"filter": [{"var": "s"}, True]}, []),
        ({"reduce": [{"var": "o"}, 1, "start"]}, "start"),
        ({"all": [{"var": "s"}, True]}, False),
        ({"some": [{"var": "o"}, True]}, False),
        ({"none": [{"var": "n"}, True]}, True),
    ],
)
def test_iterating_over_a_value_that_is_not_a_list_stays_classic(rule, expected):
    assert apply(rule, {"n": 5, "s": "abc", "o": {"k": 1}}) == expected
