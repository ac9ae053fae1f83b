import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from engine.rules.decision_table import compile_table
from engine.rules.spreadsheet import SheetError, export_csv, export_xlsx, import_csv, import_xlsx

DISCOUNT = {
    "hitPolicy": "FIRST",
    "inputs": [
        {"name": "segment", "label": "Customer segment", "path": "customer.segment", "type": "string",
         "allowedValues": ["gold", "silver", "platinum"]},
        {"name": "total", "expression": {"var": "order.total"}, "type": "number"},
        {"name": "start", "path": "order.start", "type": "date"},
    ],
    "outputs": [
        {"name": "discount", "label": "Discount", "type": "number", "allowedValues": [0.2, 0.1, 0], "default": 0},
        {"name": "note", "type": "string"},
    ],
    "rules": [
        {"id": "r1", "inputEntries": ['"gold","platinum"', ">= 100", "-"], "outputEntries": [0.1, "big"],
         "annotation": "loyal big spenders"},
        {"id": "r2", "inputEntries": ["-", "= 5", '>= date("2026-01-01")'], "outputEntries": [0.2, 'say "hi"']},
        {"id": "r3", "inputEntries": [{"jsonlogic": {"in": [{"var": "?"}, ["silver"]]}}, "[1..10[", "-"],
         "outputEntries": [{"jsonlogic": {"if": [{"var": "vip"}, 0.1, 0]}}, None]},
    ],
}
COUNTER = {
    "hitPolicy": "COLLECT", "aggregation": "COUNT",
    "inputs": [{"name": "n", "path": "n", "type": "number"}],
    "outputs": [{"name": "hits", "type": "number"}],
    "rules": [{"id": "a", "inputEntries": ["> 1"], "outputEntries": [1]},
              {"id": "b", "inputEntries": ["> 2"], "outputEntries": ["1.000000000000000000001"]}],
}


def canonical(body):
    return json.dumps(body, sort_keys=True)


def test_xlsx_round_trip_of_several_tables():
    tables = {"Discount": DISCOUNT, "Counter": COUNTER}
    imported = import_xlsx(export_xlsx(tables))
    assert list(imported) == ["Discount", "Counter"]
    assert {name: canonical(body) for name, body in imported.items()} == {
        name: canonical(body) for name, body in tables.items()}


def test_csv_round_trip():
    assert canonical(import_csv(export_csv(DISCOUNT))) == canonical(DISCOUNT)
    assert canonical(import_csv(export_csv(COUNTER))) == canonical(COUNTER)


def test_sheet_layout_is_readable_by_people():
    sheet = load_workbook(io.BytesIO(export_xlsx({"Discount": DISCOUNT})))["Discount"]
    assert [sheet["A1"].value, sheet["B1"].value] == ["hitPolicy", "FIRST"]
    assert [c.value for c in sheet[2]] == ["id", "IN segment", "IN total", "IN start", "OUT discount",
                                           "OUT note", "annotation"]
    assert sheet["C8"].value == ">= 100"
    assert sheet["C9"].value == "= 5" and sheet["C9"].data_type == "s"
    assert sheet["E8"].value == 0.1


def handwritten_workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Approval"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEAD = [
    ["hitPolicy", "unique"],
    ["id", "IN amount", "IN segment", "OUT role"],
    ["label", "Amount"],
    ["type", "number", "string", "string"],
    ["source", "order.total"],
    ["allowedValues"],
    ["default", None, None, "none"],
]


def test_hand_written_sheet_with_numbers_and_bare_strings_works():
    data = handwritten_workbook(HEAD + [["big", "> 1000", "-", "manager"], ["vip", 50, '"gold"', '"sales"']])
    body = import_xlsx(data)["Approval"]
    assert body["rules"][1]["inputEntries"] == ["50", '"gold"']
    table = compile_table(body)
    assert table.evaluate({"order": {"total": 5000}}).value == "manager"
    assert table.evaluate({"order": {"total": 50}, "segment": "gold"}).value == "sales"
    assert table.evaluate({"order": {"total": 7}}).value == "none"


def test_bad_cells_are_reported_with_sheet_cell_references():
    data = handwritten_workbook(HEAD + [["r1", ">> 5", '"x"', "ok"], ["r2", "-", "gold", "ok"]])
    with pytest.raises(SheetError) as info:
        import_xlsx(data)
    found = {(issue.cell, issue.code) for issue in info.value.issues}
    assert found == {("Approval!B8", "bad_unary_test"), ("Approval!C9", "bad_unary_test")}
    assert info.value.issues[0].pointer == "/rules/0/inputEntries/0"


def test_bad_layout_and_headers_are_reported():
    rows = [list(row) for row in HEAD]
    rows[3][0] = "types"
    with pytest.raises(SheetError) as info:
        import_xlsx(handwritten_workbook(rows))
    assert (info.value.cell, info.value.code) == ("Approval!A4", "bad_layout")
    rows = [list(row) for row in HEAD]
    rows[1][2] = "segment"
    with pytest.raises(SheetError) as info:
        import_xlsx(handwritten_workbook(rows))
    assert (info.value.cell, info.value.code) == ("Approval!C2", "bad_header")


def test_csv_errors_use_plain_cell_references():
    text = export_csv(COUNTER).replace('"> 2"', '"> two"').replace("> 2", "> two")
    with pytest.raises(SheetError) as info:
        import_csv(text)
    assert (info.value.cell, info.value.code) == ("B9", "bad_unary_test")


def test_not_a_workbook():
    with pytest.raises(SheetError) as info:
        import_xlsx(b"definitely not a zip")
    assert info.value.code == "bad_workbook"
