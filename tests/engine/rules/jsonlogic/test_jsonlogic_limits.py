"""Resource bounds of an evaluation (issue 15, item 3): each bound stops a hostile rule with the limit and its place.

No timing: a test shows the work was refused by the budget it spent (``Budget.steps_used``) or by a
counting operator that the refused work would have called.
"""

import pytest
from hypothesis import HealthCheck, given, settings

from engine.rules.jsonlogic import Budget, JsonLogicError, JsonLogicLimitExceeded, Limits, compile
from engine.rules.jsonlogic.limits import (
    MAX_DEPTH,
    MAX_LIST_LENGTH,
    MAX_PATH_LENGTH,
    MAX_STEPS,
    MAX_TEXT_LENGTH,
    MAX_VALUE_SIZE,
    evaluate_within,
)
from tests.engine.rules.jsonlogic.test_jsonlogic_property import data_strategy, rules, same_json


class Counter:
    """A caller-supplied operator counting its calls (returns its operand)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, value=None):
        self.calls += 1
        return value


def limit_error(rule, data, budget=None, operations=None) -> tuple[JsonLogicLimitExceeded, Budget]:
    budget = budget or Budget()
    with pytest.raises(JsonLogicLimitExceeded) as raised:
        compile(rule, operations).evaluate(data, budget)
    return raised.value, budget


def test_reduce_over_a_big_list_is_refused_before_its_body_runs():
    counter = Counter()
    rule = {"+": [1, {"reduce": [{"var": "xs"}, {"count": [{"var": "current"}]}, 0]}]}
    error, budget = limit_error(rule, {"xs": list(range(200_000))}, operations={"count": counter})
    assert (error.limit, error.value, error.pointer) == ("steps", MAX_STEPS, "/+/1")
    assert counter.calls == 0
    assert budget.steps_used == 200_000 * 4  # one step and the body's three nodes per item (count, var, its path)


def test_cat_doubling_through_reduce_stops_at_the_text_limit():
    rule = {"reduce": [{"var": "xs"}, {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]}
    error, budget = limit_error(rule, {"xs": list(range(64))})
    assert (error.limit, error.value, error.pointer) == ("text_length", MAX_TEXT_LENGTH, "/reduce/1")
    assert budget.steps_used == 64 * 6  # one step and the body's five nodes (cat, two var and their paths)
    assert "/reduce/1: the rule exceeds its text_length limit of 1000000" in str(error)


def test_merge_of_huge_lists_is_refused_before_it_is_built():
    half = list(range(MAX_LIST_LENGTH // 2 + 1))
    error, _ = limit_error({"if": [True, {"merge": [{"var": "xs"}, {"var": "xs"}]}]}, {"xs": half})
    assert (error.limit, error.value, error.pointer) == ("list_length", MAX_LIST_LENGTH, "/if/1")


def test_merge_doubling_through_reduce_stops_at_the_list_limit():
    rule = {"reduce": [{"var": "xs"}, {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [1]]}
    error, _ = limit_error(rule, {"xs": list(range(64))})
    assert (error.limit, error.pointer) == ("list_length", "/reduce/1")


def test_map_nested_in_map_spends_the_budget_of_the_inner_walks():
    counter = Counter()
    rows = [list(range(1_000))] * 1_000
    rule = {"map": [{"var": "rows"}, {"map": [{"var": ""}, {"count": [{"var": ""}]}]}]}
    error, budget = limit_error(rule, {"rows": rows}, operations={"count": counter})
    assert (error.limit, error.pointer) == ("steps", "/map/1")
    inner_walk = 1_000 * 4  # per cell: one step and the body's three nodes
    assert budget.steps_used <= MAX_STEPS + inner_walk
    assert counter.calls <= MAX_STEPS // 4  # the million cells were never all visited


def test_the_budget_is_per_evaluation_and_counts_exactly():
    rule = compile({"map": [{"var": "xs"}, {"*": [{"var": ""}, 2]}]})
    budget = Budget()
    assert rule.evaluate({"xs": [1, 2, 3, 4, 5]}, budget) == [2, 4, 6, 8, 10]
    assert budget.steps_used == 5 * 5  # one step and the body's four nodes (*, var, its path, 2) per item
    big = {"xs": list(range(MAX_STEPS // 5))}
    assert len(rule(big)) == len(rule(big)) == MAX_STEPS // 5  # a fresh budget each call


def test_limits_can_be_overridden_for_one_evaluation():
    rule = compile({"some": [{"var": "xs"}, {">": [{"var": ""}, 10]}]})
    assert rule({"xs": [1, 2, 30]}) is True
    with pytest.raises(JsonLogicLimitExceeded) as raised:
        rule.evaluate({"xs": [1, 2, 30]}, Budget(Limits(steps=8)))
    assert (raised.value.limit, raised.value.value) == ("steps", 8)


def test_try_does_not_catch_a_limit_error():
    rule = {"try": [{"merge": [{"var": "xs"}, {"var": "xs"}]}, "fallback"]}
    error, _ = limit_error(rule, {"xs": list(range(10))}, Budget(Limits(list_length=15)))
    assert (error.limit, error.pointer) == ("list_length", "/try/0")


def test_squaring_through_reduce_stops_at_the_integer_limit():
    rule = {"reduce": [{"var": "xs"}, {"*": [{"var": "accumulator"}, {"var": "accumulator"}]}, 3]}
    error, _ = limit_error(rule, {"xs": list(range(64))})
    assert (error.limit, error.pointer) == ("integer_bits", "/reduce/1")
    assert compile(rule)({"xs": list(range(5))}) == 3 ** 32


def test_a_rule_nested_thousands_deep_is_refused_at_compile_time():
    rule = True
    for _ in range(10_000):
        rule = {"!": [rule]}
    with pytest.raises(JsonLogicError) as raised:
        compile(rule)
    assert raised.value.code == "too_deep"
    assert raised.value.pointer == "/!/0" * (MAX_DEPTH // 2)


def nested_list(depth: int) -> list:
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_a_rule_at_the_depth_limit_compiles_and_runs():
    assert compile({"preserve": nested_list(MAX_DEPTH - 1)})(None) == nested_list(MAX_DEPTH - 1)
    with pytest.raises(JsonLogicError):
        compile({"preserve": nested_list(MAX_DEPTH)})
    rule = True
    for _ in range(MAX_DEPTH // 2 - 1):
        rule = {"!": [rule]}
    assert compile(rule)(None) is False


def test_a_deeply_nested_constant_list_is_refused_too():
    with pytest.raises(JsonLogicError) as raised:
        compile({"preserve": nested_list(5_000)})
    assert raised.value.code == "too_deep"


def test_an_absurdly_long_var_path_is_refused_at_compile_time():
    with pytest.raises(JsonLogicError) as raised:
        compile({"and": [{"var": "a." * 10_000}]})
    assert (raised.value.code, raised.value.pointer) == ("path_too_long", "/and/0/var")
    assert compile({"var": "a." * (MAX_PATH_LENGTH // 2 - 1) + "a"})({"a": 1}) is None


def test_an_absurdly_long_computed_var_path_is_refused_at_run_time():
    rule = {"if": [True, {"var": {"var": "key"}}]}
    error, _ = limit_error(rule, {"key": "a." * 100_000})
    assert (error.limit, error.value, error.pointer) == ("path_length", MAX_PATH_LENGTH, "/if/1")
    error, _ = limit_error({"missing": {"var": "keys"}}, {"keys": ["b" * 5_000]})
    assert error.limit == "path_length"


def test_the_origin_given_at_compile_time_names_the_place_of_the_rule():
    rule = compile({"merge": [{"var": "xs"}, {"var": "xs"}]}, origin="flow.x:/body/steps/0/rule")
    with pytest.raises(JsonLogicLimitExceeded) as raised:
        rule({"xs": list(range(MAX_LIST_LENGTH))})
    assert raised.value.location == "flow.x:/body/steps/0/rule"
    assert str(raised.value).startswith("flow.x:/body/steps/0/rule: the rule exceeds its list_length limit")


def test_only_a_rule_that_iterates_installs_a_budget():
    plain, iterating = compile({"cat": [{"var": "a"}, 1]}), compile({"map": [{"var": "xs"}, {"var": ""}]})
    assert plain.func is plain.root.evaluate and plain({"a": "x"}) == "x1"
    assert iterating.func is evaluate_within and iterating({"xs": [1]}) == [1]


UNBOUNDED = Limits(steps=10**12, text_length=10**12, list_length=10**12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rules, data=data_strategy)
def test_the_limits_never_change_the_value_of_an_ordinary_rule(rule, data):
    """Differential: default limits against none worth the name, on the property test's rules (panzi agrees too)."""
    compiled, budget = compile(rule), Budget(UNBOUNDED)
    assert same_json(compiled(data), compiled.evaluate(data, budget))
    assert budget.steps_used <= 1_000


ACCUMULATOR = {"var": "accumulator"}
PAIRING = {"reduce": [list(range(60)), [ACCUMULATOR, ACCUMULATOR], 0]}  # a list holding its previous self twice


def test_a_list_sharing_itself_is_refused_when_returned():
    error, budget = limit_error(PAIRING, None)
    assert (error.limit, error.value) == ("value_size", MAX_VALUE_SIZE)
    assert budget.steps_used == 60 * 6


def test_a_list_sharing_itself_is_refused_when_turned_into_text():
    error, _ = limit_error({"cat": ["x", PAIRING]}, None)
    assert (error.limit, error.value) == ("text_length", MAX_TEXT_LENGTH)
    error, _ = limit_error({"==": [PAIRING, "x"]}, None)
    assert error.limit == "text_length"


def test_a_map_returning_the_same_big_list_for_each_item_is_refused():
    rule = compile({"map": [{"var": "xs"}, {"val": [[2], "xs"]}]}, origin="table:/body")
    assert rule({"xs": [1, 2]}) == [[1, 2], [1, 2]]
    with pytest.raises(JsonLogicLimitExceeded) as raised:
        rule({"xs": list(range(20_000))})
    assert (raised.value.limit, raised.value.location) == ("value_size", "table:/body")


def test_a_value_nested_beyond_the_depth_limit_is_refused():
    error, _ = limit_error({"reduce": [list(range(MAX_DEPTH + 1)), [ACCUMULATOR], 0]}, None)
    assert (error.limit, error.value) == ("depth", MAX_DEPTH)
    error, _ = limit_error({"cat": [{"reduce": [list(range(MAX_DEPTH + 1)), [ACCUMULATOR], 0]}]}, None)
    assert error.limit == "depth"
