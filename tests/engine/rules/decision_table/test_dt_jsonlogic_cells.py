from decimal import Decimal

import pytest

from engine.rules.decision_table import DecisionTableError, compile_table


def body_with(input_cell, output_cell=1, inputs=None):
    return {
        "hitPolicy": "FIRST",
        "inputs": inputs or [{"name": "total", "path": "order.total", "type": "number"}],
        "outputs": [{"name": "discount", "type": "number"}],
        "rules": [{"id": "r1", "inputEntries": [input_cell], "outputEntries": [output_cell]}],
    }


@pytest.mark.parametrize("indexed", [True, False])
def test_jsonlogic_input_cell_sees_column_value_as_question_mark_and_context(indexed):
    cell = {"jsonlogic": {"and": [{">": [{"var": "?"}, {"var": "limit"}]}, {"==": [{"var": "tier"}, "gold"]}]}}
    table = compile_table(body_with(cell), indexed)
    assert table.evaluate({"order": {"total": 150}, "limit": 100, "tier": "gold"}).value == 1
    assert table.evaluate({"order": {"total": 50}, "limit": 100, "tier": "gold"}).value is None
    assert table.evaluate({"order": {"total": 150}, "limit": 100, "tier": "silver"}).value is None


def test_jsonlogic_output_is_computed_from_context_and_is_decimal():
    table = compile_table(body_with("-", {"jsonlogic": {"*": [{"var": "order.total"}, 0.1]}}))
    value = table.evaluate({"order": {"total": Decimal("250")}}).value
    assert value == Decimal("25") and isinstance(value, Decimal)


def test_jsonlogic_output_of_wrong_type_is_an_evaluation_error():
    table = compile_table(body_with("-", {"jsonlogic": {"cat": ["a", "b"]}}))
    with pytest.raises(DecisionTableError) as info:
        table.evaluate({})
    assert (info.value.pointer, info.value.code) == ("/rules/0/outputEntries/0", "bad_output_value")


def test_input_expression_reads_the_column():
    inputs = [{"name": "total", "expression": {"+": [{"var": "a"}, {"var": "b"}]}, "type": "number"}]
    table = compile_table(body_with("[10..20]", inputs=inputs))
    assert table.evaluate({"a": 5, "b": 7}).value == 1
    assert table.evaluate({"a": 5, "b": 70}).value is None


def test_bad_jsonlogic_is_reported_with_pointer_into_the_cell():
    body = body_with({"jsonlogic": {"and": [{"nope": [1]}]}}, {"jsonlogic": {"bogus": []}})
    body["inputs"].append({"name": "x", "expression": {"frob": 1}})
    body["rules"][0]["inputEntries"].append("-")
    with pytest.raises(DecisionTableError) as info:
        compile_table(body)
    found = {(issue.pointer, issue.code) for issue in info.value.issues}
    assert found == {
        ("/inputs/1/expression", "unknown_operator"),
        ("/rules/0/inputEntries/0/jsonlogic/and/0", "unknown_operator"),
        ("/rules/0/outputEntries/0/jsonlogic", "unknown_operator"),
    }
