"""Pointers of lint findings mapped to a decision table grid's row, rule id and column."""
import pytest

from studio.lint.locate import GridPlace, locate

TABLE = {"kind": "decision_table", "body": {
    "inputs": [{"name": "total"}, {"name": "segment"}], "outputs": [{"name": "approval"}],
    "rules": [{"id": "big", "inputEntries": ["> 1", "-"], "outputEntries": ["a"]},
              {"inputEntries": ["-", "-"], "outputEntries": ["b"]}]}}


@pytest.mark.parametrize("pointer, place", [
    ("/body/rules/0/inputEntries/1", GridPlace(0, "big", "segment", "input")),
    ("/body/rules/1/outputEntries/0", GridPlace(1, "r2", "approval", "output")),
    ("/body/rules/1", GridPlace(1, "r2", None, None)),
    ("/body/inputs/0/type", GridPlace(None, None, "total", "input")),
    ("/body/rules", GridPlace()),
    ("/body/rules/9/inputEntries/7", GridPlace(9, "r10", None, "input")),
    ("/title", GridPlace()),
])
def test_a_pointer_names_its_row_rule_and_column(pointer, place):
    assert locate(TABLE, pointer) == place


def test_other_kinds_and_broken_bodies_have_no_place():
    assert locate({"kind": "orchestration_plan", "body": {}}, "/body/tasks/0") == GridPlace()
    assert locate({"kind": "decision_table", "body": {"rules": "x"}}, "/body/rules/0") == GridPlace(0, "r1")
