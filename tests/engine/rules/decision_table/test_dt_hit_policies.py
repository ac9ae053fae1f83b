from decimal import Decimal

import pytest

from engine.rules.decision_table import DecisionTableError, compile_table


def table(policy, rules, outputs=None, aggregation=None, inputs=None):
    body = {
        "hitPolicy": policy,
        "inputs": inputs or [{"name": "segment", "type": "string"}, {"name": "total", "type": "number"}],
        "outputs": outputs or [{"name": "discount", "type": "number"}],
        "rules": [
            {"id": rule_id, "inputEntries": list(cells), "outputEntries": list(outs)}
            for rule_id, cells, outs in rules
        ],
    }
    if aggregation:
        body["aggregation"] = aggregation
    return body


OVERLAPPING = [
    ("r1", ['"gold"', ">= 100"], [0.1]),
    ("r2", ['"gold"', "-"], [0.05]),
    ("r3", ["-", ">= 500"], [0.2]),
    ("r4", ['"silver"', "-"], [0.02]),
]
GOLD_600 = {"segment": "gold", "total": 600}


@pytest.fixture(params=[True, False], ids=["indexed", "linear"])
def indexed(request):
    return request.param


def test_unique_returns_the_single_match(indexed):
    result = compile_table(table("UNIQUE", OVERLAPPING), indexed).evaluate({"segment": "silver", "total": 5})
    assert result.value == Decimal("0.02")
    assert result.matched_rule_ids == ["r4"]


def test_unique_violation_names_every_matching_rule(indexed):
    compiled = compile_table(table("UNIQUE", OVERLAPPING), indexed)
    with pytest.raises(DecisionTableError) as info:
        compiled.evaluate(GOLD_600)
    assert info.value.code == "unique_violation"
    assert all(rule_id in info.value.message for rule_id in ("r1", "r2", "r3"))


def test_first_takes_the_first_match_in_rule_order(indexed):
    result = compile_table(table("FIRST", OVERLAPPING), indexed).evaluate({"segment": "gold", "total": 50})
    assert result.value == Decimal("0.05")
    assert result.selected_rule_ids == ["r2"]


def test_priority_follows_output_allowed_values_order(indexed):
    outputs = [{"name": "discount", "type": "number", "allowedValues": [0.2, 0.1, 0.05, 0.02]}]
    result = compile_table(table("PRIORITY", OVERLAPPING, outputs), indexed).evaluate(GOLD_600)
    assert result.value == Decimal("0.2")
    assert result.selected_rule_ids == ["r3"]
    assert result.matched_rule_ids == ["r1", "r2", "r3"]


def test_priority_with_several_outputs_breaks_ties_by_later_outputs(indexed):
    outputs = [
        {"name": "level", "type": "string", "allowedValues": ["high", "low"]},
        {"name": "code", "type": "string", "allowedValues": ["A", "B"]},
    ]
    rules = [("r1", ["-", "-"], ["low", "A"]), ("r2", ["-", "-"], ["high", "B"]), ("r3", ["-", "-"], ["high", "A"])]
    result = compile_table(table("PRIORITY", rules, outputs), indexed).evaluate({})
    assert result.value == {"level": "high", "code": "A"}


def test_any_accepts_agreeing_matches_and_rejects_disagreeing(indexed):
    rules = [("r1", ['"gold"', "-"], [0.1]), ("r2", ["-", "> 10"], [0.1]), ("r3", ["-", "> 100"], [0.3])]
    compiled = compile_table(table("ANY", rules), indexed)
    assert compiled.evaluate({"segment": "gold", "total": 50}).value == Decimal("0.1")
    with pytest.raises(DecisionTableError) as info:
        compiled.evaluate({"segment": "gold", "total": 500})
    assert info.value.code == "any_violation"


def test_collect_and_rule_order_list_outputs_in_rule_order(indexed):
    for policy in ("COLLECT", "RULE ORDER"):
        result = compile_table(table(policy, OVERLAPPING), indexed).evaluate(GOLD_600)
        assert result.value == [Decimal("0.1"), Decimal("0.05"), Decimal("0.2")]


def test_output_order_sorts_by_allowed_values(indexed):
    outputs = [{"name": "discount", "type": "number", "allowedValues": [0.2, 0.05, 0.1, 0.02]}]
    result = compile_table(table("OUTPUT ORDER", OVERLAPPING, outputs), indexed).evaluate(GOLD_600)
    assert result.value == [Decimal("0.2"), Decimal("0.05"), Decimal("0.1")]
    assert result.selected_rule_ids == ["r3", "r2", "r1"]


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("SUM", Decimal("0.35")), ("MIN", Decimal("0.05")), ("MAX", Decimal("0.2")), ("COUNT", 3)],
)
def test_collect_aggregations(indexed, aggregation, expected):
    result = compile_table(table("COLLECT", OVERLAPPING, aggregation=aggregation), indexed).evaluate(GOLD_600)
    assert result.value == expected


def test_collect_sum_of_money_is_exact_decimal(indexed):
    rules = [(f"r{i}", ["-", "-"], [0.1]) for i in range(3)]
    value = compile_table(table("COLLECT", rules, aggregation="SUM"), indexed).evaluate({}).value
    assert value == Decimal("0.3") and isinstance(value, Decimal)


def test_no_match_without_default_is_none_and_count_is_zero(indexed):
    nobody = {"segment": "bronze", "total": 1}
    assert compile_table(table("FIRST", OVERLAPPING), indexed).evaluate(nobody).value is None
    assert compile_table(table("COLLECT", OVERLAPPING), indexed).evaluate(nobody).value is None
    counted = compile_table(table("COLLECT", OVERLAPPING, aggregation="COUNT"), indexed)
    assert counted.evaluate(nobody).value == 0


def test_defaults_used_when_nothing_matches(indexed):
    outputs = [{"name": "discount", "type": "number", "default": 0}, {"name": "reason", "type": "string"}]
    rules = [("r1", ['"gold"', "-"], [0.1, "gold"])]
    nobody = {"segment": "bronze", "total": 1}
    single = compile_table(table("UNIQUE", rules, outputs), indexed).evaluate(nobody)
    assert single.value == {"discount": 0, "reason": None}
    assert single.trace["defaultUsed"] is True
    multi = compile_table(table("RULE ORDER", rules, outputs), indexed).evaluate(nobody)
    assert multi.value == [{"discount": 0, "reason": None}]


def test_several_outputs_give_a_dict(indexed):
    outputs = [{"name": "discount", "type": "number"}, {"name": "approval", "type": "boolean"}]
    rules = [("r1", ['"gold"', "-"], [0.1, False])]
    result = compile_table(table("FIRST", rules, outputs), indexed).evaluate({"segment": "gold"})
    assert result.value == {"discount": Decimal("0.1"), "approval": False}


def test_integer_outputs_stay_int_and_decimal_strings_are_exact(indexed):
    rules = [("r1", ['"a"', "-"], [5]), ("r2", ['"b"', "-"], ["19.990"])]
    compiled = compile_table(table("UNIQUE", rules), indexed)
    five = compiled.evaluate({"segment": "a"}).value
    assert five == 5 and isinstance(five, int)
    assert str(compiled.evaluate({"segment": "b"}).value) == "19.990"


def test_inputs_read_by_dotted_path_with_list_index(indexed):
    body = table("FIRST", [("r1", ['"gold"', "> 1"], [1])],
                 inputs=[{"name": "segment", "path": "customer.segment", "type": "string"},
                         {"name": "qty", "path": "items.1.qty", "type": "number"}])
    compiled = compile_table(body, indexed)
    assert compiled.evaluate({"customer": {"segment": "gold"}, "items": [{"qty": 1}, {"qty": 2}]}).value == 1
    assert compiled.evaluate({"customer": {"segment": "gold"}, "items": [{"qty": 9}]}).value is None
    assert compiled.evaluate({"customer": "gold"}).value is None


def test_trace_says_which_rows_matched_and_why(indexed):
    body = table("COLLECT", OVERLAPPING)
    body["rules"][0]["annotation"] = "big gold"
    trace = compile_table(body, indexed).evaluate(GOLD_600).trace
    assert trace["inputs"] == {"segment": "gold", "total": 600}
    assert [m["ruleId"] for m in trace["matched"]] == ["r1", "r2", "r3"]
    assert trace["matched"][0]["annotation"] == "big gold"
    assert trace["matched"][2]["cells"] == [{"input": "total", "test": ">= 500"}]
    assert trace["selected"] == ["r1", "r2", "r3"]


def test_date_inputs_and_outputs():
    body = {
        "hitPolicy": "FIRST",
        "inputs": [{"name": "start", "type": "date"}],
        "outputs": [{"name": "until", "type": "date"}],
        "rules": [{"inputEntries": ['< date("2026-01-01")'], "outputEntries": ["2025-12-31"]}],
    }
    result = compile_table(body).evaluate({"start": "2025-06-01"})
    assert result.value.isoformat() == "2025-12-31"
    assert result.matched_rule_ids == ["r1"]
