import copy

import pytest

from studio.diff import diff_documents


def table_document(**body_changes):
    body = {
        "hitPolicy": "FIRST",
        "inputs": [{"name": "segment", "type": "string"}, {"name": "total", "type": "number"}],
        "outputs": [{"name": "discount", "type": "number"}],
        "rules": [
            {"id": "r1", "inputEntries": ['"gold"', ">= 100"], "outputEntries": [0.2]},
            {"id": "r2", "inputEntries": ['"gold"', "-"], "outputEntries": [0.1]},
            {"id": "r3", "inputEntries": ["-", "-"], "outputEntries": [0]},
        ],
    }
    body.update(body_changes)
    return {"kind": "decision_table", "key": "pricing.discount", "schemaVersion": 1,
            "title": "Discount", "body": body, "tests": [], "ui": {"columnWidths": [120, 80]}}


def changed(document, mutate):
    new = copy.deepcopy(document)
    mutate(new)
    return new


def test_identical_documents_are_empty():
    result = diff_documents(table_document(), table_document())
    assert result.empty
    assert result.summary == "no change"
    assert result.to_dict()["changes"] == []


def test_ui_only_change_is_no_change():
    old = table_document()
    new = changed(old, lambda d: d.update(ui={"columnWidths": [10], "collapsed": True}))
    assert diff_documents(old, new).empty
    assert diff_documents(old, {k: v for k, v in old.items() if k != "ui"}).empty


def test_title_change_is_a_replace_with_pointer():
    old = {"kind": "catalog", "key": "c", "title": "Old", "body": {}}
    result = diff_documents(old, {**old, "title": "New"})
    assert [c.to_dict() for c in result.changes] == [
        {"op": "replace", "pointer": "/title", "old": "Old", "new": "New"}]
    assert result.summary == "1 change (1 replaced)"
    assert result.table is None


def test_added_and_removed_members():
    old = {"kind": "catalog", "body": {"a": 1, "b": 2}}
    new = {"kind": "catalog", "body": {"b": 2, "c": [1]}}
    ops = {(c.op, c.pointer) for c in diff_documents(old, new).changes}
    assert ops == {("remove", "/body/a"), ("add", "/body/c")}


def test_pointer_segments_are_escaped():
    old = {"body": {"a/b": 1, "m~n": 1}}
    new = {"body": {"a/b": 2, "m~n": 2}}
    assert [c.pointer for c in diff_documents(old, new).changes] == ["/body/a~1b", "/body/m~0n"]


def test_int_and_bool_are_not_equal():
    result = diff_documents({"body": {"x": 1}}, {"body": {"x": True}})
    assert [c.op for c in result.changes] == ["replace"]


def test_reordering_identified_rows_is_one_move_not_replacements():
    old = table_document()
    new = changed(old, lambda d: d["body"]["rules"].insert(0, d["body"]["rules"].pop(2)))
    result = diff_documents(old, new)
    assert [c.to_dict() for c in result.changes] == [
        {"op": "move", "pointer": "/body/rules/0", "from": "/body/rules/2", "old": None, "new": None}]
    assert result.table["rows"]["moved"] == ["r3"]
    assert result.summary == "1 row moved"


def test_change_inside_a_moved_row_points_into_the_new_version():
    old = table_document()

    def mutate(d):
        d["body"]["rules"].reverse()
        d["body"]["rules"][2]["outputEntries"] = [0.25]

    ops = [(c.op, c.pointer) for c in diff_documents(old, changed(old, mutate)).changes]
    assert ("replace", "/body/rules/2/outputEntries/0") in ops
    assert sum(op == "move" for op, _ in ops) == 2


def test_rows_added_removed_changed_and_hit_policy():
    old = table_document()

    def mutate(d):
        rules = d["body"]["rules"]
        rules[0]["inputEntries"][1] = ">= 200"
        rules[0]["annotation"] = "big spenders"
        del rules[1]
        rules.append({"id": "r4", "inputEntries": ['"silver"', "-"], "outputEntries": [0.05]})
        rules.append({"id": "r5", "inputEntries": ['"bronze"', "-"], "outputEntries": [0.01]})
        d["body"]["hitPolicy"] = "PRIORITY"

    result = diff_documents(old, changed(old, mutate))
    rows = result.table["rows"]
    assert rows["added"] == ["r4", "r5"]
    assert rows["removed"] == ["r2"]
    assert rows["changed"] == [{
        "id": "r1",
        "cells": [{"column": "total", "side": "input", "old": ">= 100", "new": ">= 200"}],
        "annotation": {"old": None, "new": "big spenders"},
    }]
    assert result.table["hitPolicy"] == {"old": "FIRST", "new": "PRIORITY"}
    assert result.summary == "2 rows added, 1 removed, 1 changed; hit policy FIRST → PRIORITY"


def test_output_cell_change_names_the_output_column():
    old = table_document()
    new = changed(old, lambda d: d["body"]["rules"][2]["outputEntries"].__setitem__(0, 0.02))
    assert diff_documents(old, new).table["rows"]["changed"] == [
        {"id": "r3", "cells": [{"column": "discount", "side": "output", "old": 0, "new": 0.02}]}]


def test_default_hit_policy_is_unique():
    old = table_document()
    del old["body"]["hitPolicy"]
    new = changed(old, lambda d: d["body"].update(hitPolicy="UNIQUE"))
    result = diff_documents(old, new)
    assert result.table["hitPolicy"] is None
    assert not result.empty


def test_rows_without_ids_use_engine_default_ids():
    old = table_document()
    for rule in old["body"]["rules"]:
        del rule["id"]
    new = changed(old, lambda d: d["body"]["rules"].append(
        {"inputEntries": ['"x"', "-"], "outputEntries": [1]}))
    result = diff_documents(old, new)
    assert result.table["rows"]["added"] == ["r4"]
    assert [(c.op, c.pointer) for c in result.changes] == [("add", "/body/rules/3")]


def test_column_renamed_by_position_keeps_row_cells_paired():
    old = table_document()

    def mutate(d):
        d["body"]["inputs"][1]["name"] = "orderTotal"
        d["body"]["rules"][0]["inputEntries"][1] = "> 100"

    result = diff_documents(old, changed(old, mutate))
    columns = result.table["columns"]
    assert columns["renamed"] == [{"side": "input", "position": 1, "old": "total", "new": "orderTotal"}]
    assert result.table["rows"]["changed"][0]["cells"] == [
        {"column": "orderTotal", "side": "input", "old": ">= 100", "new": "> 100"}]
    assert "input total renamed to orderTotal" in result.summary


def test_inserted_column_is_added_and_rows_pair_by_name():
    old = table_document()

    def mutate(d):
        d["body"]["inputs"].insert(0, {"name": "channel", "type": "string"})
        for rule in d["body"]["rules"]:
            rule["inputEntries"].insert(0, "-")

    result = diff_documents(old, changed(old, mutate))
    assert result.table["columns"]["added"] == [{"side": "input", "position": 0, "name": "channel"}]
    assert result.table["columns"]["renamed"] == []
    assert result.table["rows"]["changed"] == []
    assert result.summary.startswith("input channel added")


def test_removed_output_and_changed_column_fields():
    old = table_document()

    def mutate(d):
        d["body"]["outputs"] = [{"name": "discount", "type": "number", "default": 0}]
        d["body"]["inputs"][0]["allowedValues"] = ["gold", "silver"]

    columns = diff_documents(old, changed(old, mutate)).table["columns"]
    assert columns["changed"] == [
        {"side": "input", "position": 0, "name": "segment", "fields": ["allowedValues"]},
        {"side": "output", "position": 0, "name": "discount", "fields": ["default"]},
    ]


@pytest.mark.parametrize("member", ["key", "name"])
def test_lists_match_by_key_or_name(member):
    old = {"kind": "orchestration_plan", "body": {"tasks": [
        {member: "a", "type": "auto"}, {member: "b", "type": "manual"}]}}
    new = {"kind": "orchestration_plan", "body": {"tasks": [
        {member: "b", "type": "manual"}, {member: "a", "type": "milestone"}]}}
    changes = [c.to_dict() for c in diff_documents(old, new).changes]
    assert {"op": "replace", "pointer": "/body/tasks/1/type", "old": "auto", "new": "milestone"} in changes
    assert sum(c["op"] == "move" for c in changes) == 1
    assert not any(c["op"] in ("add", "remove") for c in changes)


def test_duplicate_ids_fall_back_to_positional_diff():
    old = {"body": {"items": [{"id": "a", "v": 1}, {"id": "a", "v": 2}]}}
    new = {"body": {"items": [{"id": "a", "v": 1}, {"id": "a", "v": 3}]}}
    assert [c.to_dict() for c in diff_documents(old, new).changes] == [
        {"op": "replace", "pointer": "/body/items/1/v", "old": 2, "new": 3}]


def test_scalar_list_insert_is_one_add():
    old = {"body": {"tags": ["a", "b", "c"]}}
    new = {"body": {"tags": ["z", "a", "b", "c"]}}
    assert [c.to_dict() for c in diff_documents(old, new).changes] == [
        {"op": "add", "pointer": "/body/tags/0", "old": None, "new": "z"}]


def test_to_dict_is_plain_json():
    import json

    old = table_document()
    new = changed(old, lambda d: d["body"]["rules"].pop())
    data = diff_documents(old, new).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["table"]["rows"]["removed"] == ["r3"]
    assert data["summary"] == "1 row removed"
