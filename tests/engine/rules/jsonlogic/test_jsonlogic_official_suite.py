"""The official JsonLogic conformance suite (jsonlogic.com tests.json), one case per test."""

import json
import math

import pytest

from engine.rules.jsonlogic import apply, compile
from tests.conftest import SHARED

SUITE = SHARED / "data" / "jsonlogic" / "tests.json"
EXPECTED_CASE_COUNT = 277


def _load_cases() -> list:
    cases, section, index_in_section = [], "start", 0
    for entry in json.loads(SUITE.read_text(encoding="utf-8")):
        if isinstance(entry, str):
            section, index_in_section = entry.lstrip("# ").strip(), 0
            continue
        index_in_section += 1
        rule, data, expected = entry
        cases.append(pytest.param(rule, data, expected, id=f"{section} #{index_in_section}"))
    return cases


CASES = _load_cases()


def same_json(actual, expected) -> bool:
    """JSON equality: numbers compare by value (2 == 2.0), but booleans are not numbers."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return actual == expected or (math.isnan(actual) and math.isnan(expected))
    if isinstance(expected, list) and isinstance(actual, list):
        return len(actual) == len(expected) and all(map(same_json, actual, expected))
    return type(actual) is type(expected) and actual == expected


def test_suite_has_every_official_case():
    assert len(CASES) == EXPECTED_CASE_COUNT


@pytest.mark.parametrize(("rule", "data", "expected"), CASES)
def test_official_case(rule, data, expected):
    assert same_json(apply(rule, data), expected)


@pytest.mark.parametrize(("rule", "data", "expected"), CASES)
def test_official_case_compiled_once_evaluated_twice(rule, data, expected):
    compiled = compile(rule)
    assert same_json(compiled(data), expected)
    assert same_json(compiled(data), expected)
