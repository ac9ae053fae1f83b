import json

import pytest

from engine.rules.decision_table import compile_table
from engine.rules.dmn import DMN_NAMESPACES, DmnError, export_dmn, import_dmn

BODY = {
    "hitPolicy": "PRIORITY",
    "inputs": [
        {"name": "segment", "label": "Customer segment", "path": "customer.segment", "type": "string",
         "allowedValues": ["gold", "silver", "platinum"]},
        {"name": "total", "expression": {"var": "order.total"}, "type": "number"},
        {"name": "start", "path": "order.start", "type": "date"},
        {"name": "vip", "path": "customer.vip", "type": "boolean"},
        {"name": "anything", "path": "x.y"},
    ],
    "outputs": [
        {"name": "discount", "label": "Discount", "type": "number", "allowedValues": [0.2, 0.1, 0],
         "default": 0},
        {"name": "note", "type": "string"},
        {"name": "until", "type": "date"},
    ],
    "rules": [
        {"id": "r1", "inputEntries": ['"gold","platinum"', ">= 100", "-", "true", "-"],
         "outputEntries": [0.1, 'say "hi"\\', "2026-12-31"], "annotation": "loyal big spenders"},
        {"id": "r2", "inputEntries": ['not("silver")', "[1..10[", '>= date("2026-01-01")', "-", "null"],
         "outputEntries": [0.2, None, None]},
        {"id": "r3", "inputEntries": [{"jsonlogic": {">": [{"var": "?"}, 5]}}, "-", "-", "false", '"a"'],
         "outputEntries": [{"jsonlogic": {"if": [{"var": "vip"}, 0.2, 0]}}, "x", None]},
    ],
}


@pytest.mark.parametrize("version", sorted(DMN_NAMESPACES))
def test_json_to_xml_to_json_is_identity(version):
    xml = export_dmn(BODY, "discount", "Bandwidth discount", version=version)
    assert DMN_NAMESPACES[version] in xml
    [(decision_id, name, body)] = import_dmn(xml)
    assert (decision_id, name) == ("discount", "Bandwidth discount")
    assert json.dumps(body, sort_keys=True) == json.dumps(BODY, sort_keys=True)


def test_collect_aggregation_round_trips_and_still_compiles():
    body = {"hitPolicy": "COLLECT", "aggregation": "COUNT", "inputs": [{"name": "n", "path": "n", "type": "number"}],
            "outputs": [{"name": "hits", "type": "number"}],
            "rules": [{"id": "a", "inputEntries": ["> 1"], "outputEntries": [1]},
                      {"id": "b", "inputEntries": ["> 2"], "outputEntries": [1]}]}
    [(_, _, imported)] = import_dmn(export_dmn(body, "count", "Count"))
    assert imported == body
    assert compile_table(imported).evaluate({"n": 5}).value == 2


def test_exact_decimal_strings_survive_the_round_trip():
    body = {"hitPolicy": "FIRST", "inputs": [], "outputs": [{"name": "price", "type": "number"}],
            "rules": [{"id": "r1", "inputEntries": [], "outputEntries": ["0.12345678901234567890123"]}]}
    [(_, _, imported)] = import_dmn(export_dmn(body, "p", "P"))
    assert imported["rules"][0]["outputEntries"] == ["0.12345678901234567890123"]


def test_values_without_a_feel_form_are_refused():
    body = {"hitPolicy": "FIRST", "inputs": [], "outputs": [{"name": "o"}],
            "rules": [{"id": "r1", "inputEntries": [], "outputEntries": [[1, 2]]}]}
    with pytest.raises(DmnError) as info:
        export_dmn(body, "d", "D")
    assert (info.value.pointer, info.value.code) == ("/rules/0/outputEntries/0", "unsupported_value")
