"""Artifact tests of decomposition rules run the runtime's evaluator (``lines.apply_rule``), not a copy."""
import copy
import json
from pathlib import Path

import pytest

from engine.kinds import compile_document, run_document_tests
from engine.lifecycle.decomposition import lines as runtime_lines
from engine.lifecycle.decomposition.rule_tests import decompose_test_item

FIXTURE = json.loads((Path(__file__).parents[2] / "kinds" / "fixtures" / "decomposition_rules.json").read_text())


@pytest.fixture
def fixture_rules():
    return compile_document(copy.deepcopy(FIXTURE), version=5)


def test_quantity_zero_drops_the_line_and_a_non_number_is_a_problem_not_a_crash(fixture_rules):
    result = decompose_test_item(fixture_rules, {}, {"quantity": 0, "characteristics": {"bandwidth": 100}},
                                 "spec-fibre")
    assert result["dropped"] == {"product": "quantity is 0", "ont": "quantity is 0", "access": "quantity is 0"}
    document = copy.deepcopy(FIXTURE)
    document["body"]["rules"][2]["quantity"] = {"var": "item.characteristics.onts"}
    rules = compile_document(document)
    bad = decompose_test_item(rules, {}, {"characteristics": {"bandwidth": 1, "onts": "many"}}, "spec-fibre")
    assert bad["dropped"]["ont"] == "evaluation failed: quantity 'many' is not a number"
    assert [line["rule"] for line in bad["lines"]] == ["product", "access"]
    assert bad["problems"] == ["rule 'ont': quantity 'many' is not a number"]


def test_rules_scoped_to_another_product_specification_do_not_apply(fixture_rules):
    assert decompose_test_item(fixture_rules, {}, {}, "spec-voip")["lines"] == []
    only = decompose_test_item(fixture_rules, {}, {"characteristics": {"bandwidth": 1}}, "spec-fibre",
                               ["cfs-internet"])
    assert [line["rule"] for line in only["lines"]] == ["access"]
    assert only["domainOrders"][0]["dependsOn"] == []


def test_a_rule_applies_to_add_items_unless_it_names_other_actions():
    document = copy.deepcopy(FIXTURE)
    document["body"]["rules"][0]["actions"] = ["delete"]
    rules = compile_document(document, version=1)
    item = {"quantity": 1, "characteristics": {"bandwidth": 100}}
    added = {line["rule"] for line in decompose_test_item(rules, {}, item, "spec-fibre")["lines"]}
    deleted = decompose_test_item(rules, {}, {**item, "action": "delete"}, "spec-fibre")
    suspended = decompose_test_item(rules, {}, {**item, "action": "modify", "product": {"status": "suspended"}},
                                    "spec-fibre")
    assert "product" not in added
    assert {line["rule"] for line in deleted["lines"]} == {"product"}
    assert suspended["lines"] == []


def test_a_line_without_a_quantity_rule_takes_the_item_quantity_as_the_runtime_does():
    document = copy.deepcopy(FIXTURE)
    document["tests"] = [{"name": "three", "input": {"item": {"productSpecification": {"id": "spec-fibre"},
                                                              "quantity": 3, "characteristics": {"bandwidth": 1}}},
                          "expect": {"lines": [{"rule": "product", "quantity": 3}, {"rule": "ont", "quantity": 3},
                                               {"rule": "access", "quantity": 3}]}}]
    [result] = run_document_tests(document)
    assert result.passed, result.actual


def test_tmf_product_characteristics_reach_the_rules_as_at_runtime(fixture_rules):
    item = {"quantity": 1, "product": {"productCharacteristic": [{"name": "bandwidth", "value": 300}]}}
    [_, _, access] = decompose_test_item(fixture_rules, {}, item, "spec-fibre")["lines"]
    assert access["characteristics"] == {"bandwidth": 300} and access["awaiting"] == []


def test_artifact_tests_and_the_runtime_call_the_same_rule_evaluation(monkeypatch, decompose, item, order):
    calls = []
    original = runtime_lines.apply_rule

    def spy(rules, rule, *args):
        calls.append((rules.key, rule.id))
        return original(rules, rule, *args)

    monkeypatch.setattr(runtime_lines, "apply_rule", spy)
    assert all(result.passed for result in run_document_tests(copy.deepcopy(FIXTURE)))
    assert ("decompose.fixture", "ont") in calls
    decompose(order(item("1", "fibre-500", bandwidth=500)))
    assert ("decompose.test", "ont") in calls


def test_the_old_kind_evaluator_is_gone(artifacts):
    from engine.kinds import decomposition_rules

    assert not hasattr(artifacts["rules"], "decompose")
    assert not (Path(decomposition_rules.__file__).parent / "evaluate.py").exists()


def test_artifact_lines_equal_the_runtime_lines_of_an_item_without_catalog_walk(decompose, item, order, artifacts):
    plan = decompose(order(item("1", "sdwan-site", quantity=4)))
    runtime = sorted((line.rule, line.quantity, dict(line.characteristics))
                     for domain_order in plan.domain_orders for line in domain_order.lines)
    tested = decompose_test_item(artifacts["rules"], {}, {"id": "1", "quantity": 4}, "spec-sdwan-site",
                                 ["spec-sdwan-site", "cfs-sdwan", "res-cpe"])
    assert sorted((line["rule"], line["quantity"], line["characteristics"]) for line in tested["lines"]) == runtime
    assert [d["dependsOn"] for d in tested["domainOrders"] if d["fulfilmentSystem"] == "oss-sdwan"] == [["resource:inv"]]
