import pytest

from engine.rules.decision_table import DecisionTableError, body_schema, compile_table


def errors_of(body):
    with pytest.raises(DecisionTableError) as info:
        compile_table(body)
    return {(issue.pointer, issue.code) for issue in info.value.issues}


def base(**extra):
    body = {
        "hitPolicy": "UNIQUE",
        "inputs": [{"name": "segment", "type": "string", "allowedValues": ["gold", "silver"]},
                   {"name": "total", "type": "number"}],
        "outputs": [{"name": "discount", "type": "number"}],
        "rules": [{"id": "r1", "inputEntries": ['"gold"', ">= 100"], "outputEntries": [0.1]}],
    }
    body.update(extra)
    return body


def test_valid_body_compiles():
    assert compile_table(base()).hit_policy == "UNIQUE"


def test_every_cell_error_is_reported_at_once_with_pointers():
    body = base(rules=[
        {"id": "r1", "inputEntries": ['"gold"', ">= 100"], "outputEntries": [0.1]},
        {"id": "r2", "inputEntries": ["gold", ">= 100"], "outputEntries": [0.1]},
        {"id": "r3", "inputEntries": ['"bronze"', '"big"'], "outputEntries": ["lots"]},
        {"id": "r1", "inputEntries": ["-"], "outputEntries": [0]},
    ])
    assert errors_of(body) == {
        ("/rules/1/inputEntries/0", "bad_unary_test"),
        ("/rules/2/inputEntries/0", "not_allowed_value"),
        ("/rules/2/inputEntries/1", "type_mismatch"),
        ("/rules/2/outputEntries/0", "type_mismatch"),
        ("/rules/3/inputEntries", "wrong_entry_count"),
    }


def test_duplicate_rule_ids_and_names():
    body = base(rules=[base()["rules"][0], base()["rules"][0]])
    body["outputs"].append({"name": "discount"})
    body["rules"] = [dict(rule, outputEntries=[0, 0]) for rule in body["rules"]]
    assert errors_of(body) == {("/rules/1/id", "duplicate_rule_id"), ("/outputs/1/name", "duplicate_name")}


def test_schema_errors_point_into_the_body():
    body = base(hitPolicy="SOMETIMES")
    body["rules"][0]["inputEntries"][1] = 100
    found = errors_of(body)
    assert ("/hitPolicy", "schema.enum") in found
    assert ("/rules/0/inputEntries/1", "schema.type") in found
    body["rules"][0]["inputEntries"][1] = {"jsonlogic": True, "extra": 1}
    assert ("/rules/0/inputEntries/1", "schema.additionalProperties") in errors_of(body)
    body["rules"][0]["inputEntries"][1] = {}
    assert ("/rules/0/inputEntries/1", "schema.required") in errors_of(body)


def test_policy_rules():
    assert ("/aggregation", "aggregation_not_allowed") in errors_of(base(aggregation="SUM"))
    two_outputs = base(hitPolicy="COLLECT", aggregation="SUM",
                       outputs=[{"name": "a"}, {"name": "b"}])
    two_outputs["rules"][0]["outputEntries"] = [1, 2]
    assert errors_of(two_outputs) == {("/aggregation", "aggregation_needs_single_output")}
    assert errors_of(base(hitPolicy="PRIORITY")) == {("/outputs", "missing_output_values")}


def test_output_literals_checked_against_allowed_values_and_default():
    body = base(outputs=[{"name": "discount", "type": "number", "allowedValues": [0, 0.2], "default": 0.5}])
    assert errors_of(body) == {("/rules/0/outputEntries/0", "not_allowed_value"),
                               ("/outputs/0/default", "not_allowed_value")}


def test_input_with_path_and_expression_is_ambiguous():
    body = base()
    body["inputs"][1] = {"name": "total", "path": "total", "expression": {"var": "total"}}
    assert ("/inputs/1", "ambiguous_source") in errors_of(body)


def test_error_exposes_pointer_code_message_of_first_issue_and_plain_dicts():
    with pytest.raises(DecisionTableError) as info:
        compile_table(base(rules=[{"inputEntries": ["(", "-"], "outputEntries": [1]}]))
    error = info.value
    assert (error.pointer, error.code) == ("/rules/0/inputEntries/0", "bad_unary_test")
    assert error.issues[0].as_dict()["message"] == error.message


def test_schema_is_served_as_a_dict():
    assert body_schema()["properties"]["hitPolicy"]["enum"][0] == "UNIQUE"
