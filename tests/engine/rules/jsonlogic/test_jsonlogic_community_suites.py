"""The community suites vendored in ``community/`` (json-logic/.github tests, json-logic-engine suites).

Every case runs. An expected error ``{"type": T}`` is met by a ``JsonLogicRuntimeError``
whose object has that type; ``"Invalid Arguments"`` is also met by a compile-time
``JsonLogicError`` (Ordo rejects those rules before they run, with a pointer). An expected
``{"type": "NaN"}`` is met by a NaN or infinite number: our arithmetic keeps the classic
result where json-logic-engine raises (the suite's own "measured equivalent").

``CLASSIC`` names the cases where Ordo keeps the classic JsonLogic (json-logic-js)
behaviour instead of json-logic-engine's, with Ordo's result, which is asserted too.
"""

import json
import math
from decimal import Decimal
from pathlib import Path

import pytest

from engine.rules.jsonlogic import JsonLogicError, JsonLogicRuntimeError, apply
from tests.engine.rules.jsonlogic.test_jsonlogic_official_suite import same_json

COMMUNITY = Path(__file__).parent / "community"
EXPECTED_FILE_COUNT = 15
NAN = {"type": "NaN"}

WRAPS_ONE_OPERAND = "a non-list operand is one operand (json-logic-js), not a list to evaluate"
NULL_IS_NAN = "classic + reads operands with parseFloat: null and '' are NaN (json-logic-js)"
JS_COMPARISON = "classic comparison follows JavaScript (no NaN error; null is not 0 for ==/!=)"
INFINITY = "classic x/0 is ±Infinity (json-logic-js); try treats only the operand's own value as failed"

CLASSIC = {
    ("json-logic-engine/iterators.extra.json", "if with dynamic arguments throws"): (WRAPS_ONE_OPERAND, [True, 1, 2]),
    ("json-logic-engine/iterators.extra.json", "or with dynamic arguments throws"): (WRAPS_ONE_OPERAND, [False, False, True]),
    ("json-logic-engine/iterators.extra.json", "and with dynamic arguments throws"): (WRAPS_ONE_OPERAND, [True, True, True]),
    ("json-logic-engine/control/and.json", "And with non-array arguments should throw"): (WRAPS_ONE_OPERAND, True),
    ("json-logic-engine/control/or.json", "Or with non-array arguments should throw"): (WRAPS_ONE_OPERAND, True),
    ("json-logic-engine/arithmetic/minus.json", "Minus can be chained with other operators"): (WRAPS_ONE_OPERAND, NAN),
    ("json-logic-engine/arithmetic/minus.json", "Minus can be chained with other operators (2)"): (WRAPS_ONE_OPERAND, NAN),
    ("json-logic-engine/arithmetic/minus.json", "Minus can be chained with other operators (3)"): (WRAPS_ONE_OPERAND, NAN),
    ("json-logic-tests/plus.json", "Addition with Multiple Value Types"): (NULL_IS_NAN, NAN),
    ("json-logic-tests/plus.json", "Plus Operator with Single Operand, Direct (Empty String)"): (NULL_IS_NAN, NAN),
    ("json-logic-tests/plus.json", "Plus Operator with a Single Operand, Direct (null)"): (NULL_IS_NAN, NAN),
    ("json-logic-tests/plus.json", "Plus Operator with val resulting in Array of array should error"): (
        "classic parseFloat of [1,2,3,4] reads its text '1,2,3,4' as 1", 1),
    ("json-logic-tests/plus.json", "Addition with Array produces NaN"): ("classic parseFloat([1]) is 1", 2),
    ("json-logic-tests/plus.json", "Plus Operator with Single Operand, Array Input Produces NaN"): (
        "classic parseFloat([1]) is 1", 1),
    ("json-logic-tests/plus.json", "Addition with Array from context produces NaN"): ("classic parseFloat([1]) is 1", 2),
    ("json-logic-engine/arithmetic/minus.json", "Subtraction with Array produces NaN"): ("classic Number([1]) is 1", 0),
    ("json-logic-tests/arithmetic/divide.json", "Divide with Array produces NaN"): ("classic Number([1]) is 1", 1),
    ("json-logic-tests/try.json", "Try can work further up the AST with Exceptions"): (
        "classic 0/0 inside a list is a NaN item, not an error", [math.nan] * 3),
    ("json-logic-tests/try.json", "Try can work further up the AST with Exceptions, and return the error"): (
        "classic 0/0 inside a list is a NaN item, not an error", [math.nan] * 3),
    ("json-logic-tests/try.json", "Handles NaN Explicitly"): (INFINITY, {"error": "Some error"}),
    ("json-logic-engine/comparison/greaterThan.json", "> with (2023n, 2024-01-01s)"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/greaterThan.json", "> with (1n, As)"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/greaterThan.json", "> with [] and [1]"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/greaterThan.json", "> with [1] and 5"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/greaterThan.json", "> with {} and 1"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/greaterThan.json", "> with 1 and {}"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with (2023n, 2024-01-01s)"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with (1n, As)"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with (null, 0)"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with [] and [1]"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with [1] and 5"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with {} and 1"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softEquals.json", "== with 1 and {}"): (JS_COMPARISON, False),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with (2023n, 2024-01-01s)"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with (1n, As)"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with (null, 0)"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with [] and [1]"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with [1] and 5"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with {} and 1"): (JS_COMPARISON, True),
    ("json-logic-engine/comparison/softNotEquals.json", "!= with 1 and {}"): (JS_COMPARISON, True),
}


def _suite_files() -> list[Path]:
    return sorted(COMMUNITY.rglob("*.json"))


def _cases() -> list:
    cases = []
    for path in _suite_files():
        name = path.relative_to(COMMUNITY).as_posix()
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(entry, dict):
                cases.append(pytest.param(name, entry, id=f"{name}: {entry['description']}"))
    return cases


CASES = _cases()


def _outcome(rule, data):
    """("result", value) or ("error", error object or compile-time code)."""
    try:
        return "result", apply(rule, data)
    except JsonLogicRuntimeError as error:
        return "error", error.error
    except JsonLogicError as error:
        return "compile_error", error.code


def _non_finite(value) -> bool:
    if type(value) is float:
        return not math.isfinite(value)
    return type(value) is Decimal and not value.is_finite()


def _meets_error(kind: str, value, expected: dict) -> bool:
    if kind == "error":
        return isinstance(value, dict) and value.get("type") == expected["type"]
    if kind == "compile_error":
        return expected["type"] == "Invalid Arguments" and value in ("wrong_arity", "invalid_arguments")
    return expected == NAN and _non_finite(value)


def _same(actual, expected) -> bool:
    if isinstance(expected, list) and expected and all(isinstance(item, float) for item in expected):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(_same_number, actual, expected))
    return same_json(actual, expected)


def _same_number(actual, expected) -> bool:
    return actual == expected or (math.isnan(expected) and actual != actual)


def test_every_vendored_file_is_run():
    assert len(_suite_files()) == EXPECTED_FILE_COUNT
    assert len(CASES) > 250


def test_every_classic_exception_names_a_case():
    names = {(param.values[0], param.values[1]["description"]) for param in CASES}
    assert set(CLASSIC) <= names


@pytest.mark.parametrize(("name", "case"), CASES)
def test_community_case(name, case):
    kind, value = _outcome(case["rule"], case.get("data"))
    exception = CLASSIC.get((name, case["description"]))
    if exception is not None:
        _, ours = exception
        if isinstance(ours, dict) and "error" in ours:
            assert kind == "error" and value == {"type": ours["error"]}
        elif ours == NAN:
            assert kind == "result" and _non_finite(value)
        else:
            assert kind == "result" and _same(value, ours)
        return
    if "error" in case:
        assert _meets_error(kind, value, case["error"]), (kind, value)
    else:
        assert kind == "result" and same_json(value, case["result"]), (kind, value)
