"""Artifacts validate (and decision tables evaluate) rules written with json-logic-engine's operators."""

import pytest

from engine.kinds import validate_document
from engine.rules.decision_table import compile_table

EXTENDED_RULES = [
    {">=": [{"??": [{"val": ["order", "term"]}, 0]}, 12, 1]},
    {"try": [{"/": [{"val": ["order", "total"]}, {"val": ["order", "term"]}]}, 0]},
    {"and": [{"exists": ["order", "term"]}, {"!=": [{"val": ["order", "term"]}, 0, None]}]},
    {"some": [{"val": ["order", "items"]}, {"==": [{"val": [[2], "order", "category"]}, "business"]}]},
    {"if": [{"<": [{"-": [{"var": "order.total"}, 1, 2, 3]}, 0]}, {"throw": "negative"}, {"preserve": {"ok": True}}]},
    {"or": []},
]


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


@pytest.mark.parametrize("rule", EXTENDED_RULES)
def test_enrichment_rule_may_use_the_extended_operators(fixture_document, rule):
    document = fixture_document("enrichment_flow")
    document["body"]["steps"][3]["rule"] = rule
    assert codes(document) == []


def test_misuse_of_an_extended_operator_is_located_in_the_artifact(fixture_document):
    document = fixture_document("enrichment_flow")
    document["body"]["steps"][0]["rule"] = {"and": [True, {"map": {"val": "xs"}}]}
    document["body"]["steps"][3]["rule"] = {"!": {"val": [["x"], "y"]}}
    assert sorted(codes(document)) == [
        ("/body/steps/0/rule/and/1", "jsonlogic.invalid_arguments"),
        ("/body/steps/3/rule/!/val/0", "jsonlogic.invalid_val_path"),
    ]


def test_decision_table_cell_evaluates_the_extended_operators():
    body = {
        "hitPolicy": "FIRST",
        "inputs": [{"name": "total", "expression": {"??": [{"val": ["order", "total"]}, 0]}, "type": "number"}],
        "outputs": [{"name": "band", "type": "string"}],
        "rules": [
            {"id": "r1", "inputEntries": [{"jsonlogic": {">": [1000, {"var": "?"}, 100]}}], "outputEntries": ["mid"]},
            {"id": "r2", "inputEntries": ["-"], "outputEntries": [{"jsonlogic": {"try": [{"throw": "other"}, {"val": "type"}]}}]},
        ],
    }
    table = compile_table(body, True)
    assert table.evaluate({"order": {"total": 500}}).value == "mid"
    assert table.evaluate({"order": {}}).value == "other"
