"""Pricing matrices as DMN decision tables (studio.matrix_dmn)."""
import json

import pytest

from engine.kinds import compile_document
from engine.rules.dmn import export_dmn
from studio.matrix_dmn import export_matrix_dmn, import_matrix_dmn, matrix_table
from studio.tables import TableImportError
from tests.conftest import ROOT

MATRIX = json.loads((ROOT / "tests" / "engine" / "kinds" / "fixtures" / "pricing_matrix.json").read_text())


def test_the_table_has_an_input_per_dimension_and_a_rule_per_cell_that_evaluates_like_the_matrix():
    table = matrix_table(MATRIX["body"])
    assert [i["name"] for i in table["inputs"]] == ["bandwidth", "term", "region"]
    assert table["rules"][-1] == {"id": "big-south-long", "inputEntries": ["500", "24", '"south"'],
                                  "outputEntries": ["42.50"]}
    document = {"kind": "decision_table", "key": "m", "schemaVersion": 1, "body": table}
    context = {"item": {"characteristics": {"bandwidth": 500}}, "order": {"term": 24, "postcode": "S9"}}
    assert compile_document(document).evaluate(context).value == 42.5


def test_export_then_import_gives_the_same_matrix():
    assert import_matrix_dmn(export_matrix_dmn(MATRIX["key"], MATRIX["title"], MATRIX["body"]), MATRIX) == MATRIX


def test_a_changed_amount_takes_the_dmn_value_exactly():
    body = {**MATRIX["body"], "cells": [{**MATRIX["body"]["cells"][0], "amount": "31.10"}, *MATRIX["body"]["cells"][1:]]}
    imported = import_matrix_dmn(export_matrix_dmn("m", "t", body), MATRIX)
    assert imported["body"]["cells"][0]["amount"] == "31.1"


def test_a_rule_that_tests_a_range_or_sets_two_outputs_is_refused_with_pointers():
    table = matrix_table(MATRIX["body"])
    table["rules"][1]["inputEntries"][0] = "[100..500]"
    with pytest.raises(TableImportError) as error:
        import_matrix_dmn(export_dmn(table, "m", "m").encode(), MATRIX)
    assert [(p["pointer"], p["code"]) for p in error.value.problems] == [("/rules/1/inputEntries/0", "not_a_literal")]
    table["outputs"].append({"name": "extra", "type": "number"})
    for rule in table["rules"]:
        rule["outputEntries"].append("1")
    with pytest.raises(TableImportError) as error:
        import_matrix_dmn(export_dmn(table, "m", "m").encode(), MATRIX)
    assert error.value.problems[0]["pointer"] == "/outputs"
