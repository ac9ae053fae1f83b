"""The import_mapping kind on its own: fields from columns, constants, value maps and rules, typed; problems
named by row and column; the mapping's own checks at publish."""
from __future__ import annotations

import pytest

from engine.kinds import compile_document, validate_document
from engine.kinds.import_mapping import Row


def mapping(*item_fields: dict, order_fields: tuple = (), **body) -> object:
    document = {"kind": "import_mapping", "key": "import.test", "schemaVersion": 1,
                "body": {"format": "csv", "orderKey": "ref", "order": list(order_fields), "item": list(item_fields),
                         **body}}
    return compile_document(document, version=1)


def orders(compiled, *rows: dict) -> list:
    return list(compiled.orders([Row(n, row) for n, row in enumerate(rows, start=2)]))


def test_adjacent_rows_with_one_key_are_one_order_with_an_item_each():
    compiled = mapping({"target": "/productOffering/id", "column": "offer"}, {"characteristic": "speed", "column": "speed"},
                       order_fields=({"target": "/relatedParty/0/id", "column": "customer"},
                                     {"target": "/relatedParty/0/role", "value": "customer"}))
    first, second = orders(compiled, {"ref": "A", "customer": "c1", "offer": "f", "speed": "1G"},
                           {"ref": "A", "customer": "ignored", "offer": "g", "speed": ""}, {"ref": "B", "offer": "h"})
    assert first.payload == {"relatedParty": [{"id": "c1", "role": "customer"}], "externalId": "A", "productOrderItem": [
        {"id": "1", "productOffering": {"id": "f"}, "product": {"productCharacteristic": [{"name": "speed", "value": "1G"}]},
         "action": "add", "quantity": 1},
        {"id": "2", "productOffering": {"id": "g"}, "action": "add", "quantity": 1}]}
    assert first.rows == (2, 3) and second.key == "B" and second.rows == (4,)


@pytest.mark.parametrize(("spec", "cell", "value"), [
    ({"type": "integer"}, " 42 ", 42),
    ({"type": "number"}, "2.5", 2.5),
    ({"type": "boolean"}, "Yes", True),
    ({"type": "date", "dateFormat": "%d/%m/%Y"}, "03/02/2027", "2027-02-03"),
    ({"type": "datetime"}, "2027-02-03T10:00:00+01:00", "2027-02-03T09:00:00Z"),
    ({"map": {"F1": "fibre-1"}}, "F1", "fibre-1"),
    ({"map": {"F1": "fibre-1"}, "unmapped": "keep"}, "other", "other"),
    ({"default": 7, "type": "integer"}, "", 7),
])
def test_a_cell_is_mapped_and_typed(spec, cell, value):
    compiled = mapping({"target": "/x", "column": "c", **spec})
    [order] = orders(compiled, {"ref": "A", "c": cell})
    assert order.problems == () and order.payload["productOrderItem"][0]["x"] == value


@pytest.mark.parametrize(("spec", "cell", "message"), [
    ({"type": "integer"}, "3.5", "row 2, column 'c': '3.5' is not a whole number"),
    ({"type": "date"}, "tomorrow", "row 2, column 'c': 'tomorrow' is not a date (YYYY-MM-DD)"),
    ({"map": {"A": 1, "B": 2}}, "Z", "row 2, column 'c': 'Z' is not one of the mapped values (A, B)"),
    ({"required": True}, "  ", "row 2, column 'c': a value is required"),
    ({"type": "integer"}, "x" * 500, "row 2, column 'c': '" + "x" * 40 + "…' is not a whole number"),
])
def test_a_bad_cell_is_a_problem_naming_its_row_and_column(spec, cell, message):
    [order] = orders(mapping({"target": "/x", "column": "c", **spec}), {"ref": "A", "c": cell})
    assert [(p.row, p.column, p.message) for p in order.problems] == [(2, "c", message)]


def test_a_derived_value_comes_from_a_rule_over_the_row_and_an_explosive_rule_is_a_row_problem():
    compiled = mapping({"target": "/sites", "logic": {"+": [{"var": "row.branches"}, 1]}},
                       {"target": "/blob", "logic": {"reduce": [{"var": "row.many"}, {"cat": [{"var": "accumulator"},
                                                                                              {"var": "accumulator"}]}, "xx"]}})
    [fine] = orders(compiled, {"ref": "A", "branches": "4", "many": ""})
    assert fine.payload["productOrderItem"][0]["sites"] == 5
    explosive = mapping({"target": "/blob", "logic": {"reduce": [{"merge": [[1] * 60]}, {"cat": [
        {"var": "accumulator"}, {"var": "accumulator"}]}, "xx"]}})
    [refused] = orders(explosive, {"ref": "B"})
    assert refused.problems and "goes over a limit" in refused.problems[0].message


def test_a_row_without_an_order_key_is_rejected_alone():
    first, keyless, last = orders(mapping({"target": "/x", "column": "c"}), {"ref": "A", "c": "1"}, {"ref": "", "c": "2"},
                                  {"ref": "A", "c": "3"})
    assert keyless.problems[0].message == "row 3, column 'ref': the order key is empty"
    assert first.rows == (2,) and last.rows == (4,)


@pytest.mark.parametrize(("body", "pointer", "code"), [
    ({"item": [{"target": "/x", "column": "c", "value": 1}]}, "/body/item/0", "field_source"),
    ({"item": [{"target": "/x", "value": 1}, {"target": "/x/y", "value": 2}]}, "/body/item/1", "field_collision"),
    ({"item": [{"target": "/x/500/y", "value": 1}]}, "/body/item/0/target", "target_position"),
    ({"item": [{"target": "/x", "column": "c", "unmapped": "keep"}]}, "/body/item/0/unmapped", "unmapped_without_map"),
    ({"item": [{"target": "/x", "logic": {"nope": []}}]}, "/body/item/0/logic", "jsonlogic.unknown_operator"),
    ({"order": [{"target": "/productOrderItem/0/id", "value": "1"}], "item": []}, "/body/order/0/target",
     "order_items_target"),
])
def test_a_mapping_that_cannot_work_is_refused_at_publish_with_its_place(body, pointer, code):
    document = {"kind": "import_mapping", "key": "import.bad", "schemaVersion": 1,
                "body": {"format": "csv", "orderKey": "ref", **body}}
    issues = [(i.pointer, i.code) for i in validate_document(document)]
    assert any(p.startswith(pointer) and c == code for p, c in issues), issues
