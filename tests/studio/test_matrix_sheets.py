"""Pricing matrices as CSV and XLSX rows (studio.matrix_sheets)."""
import json

import pytest

from studio.matrix_sheets import export_matrix, grid_of, import_matrix
from studio.tables import TableImportError
from tests.conftest import ROOT

MATRIX = json.loads((ROOT / "tests" / "engine" / "kinds" / "fixtures" / "pricing_matrix.json").read_text())


def test_the_grid_has_a_header_and_one_row_per_cell_with_exact_amounts():
    grid = grid_of(MATRIX["body"])
    assert grid[0] == ["id", "bandwidth", "term", "region", "amount"]
    assert grid[1] == ["", 100, 12, "north", "30.00"] and grid[-1][0] == "big-south-long"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_document(fmt):
    assert import_matrix(fmt, export_matrix(fmt, MATRIX["key"], MATRIX["body"]), MATRIX) == MATRIX


def test_a_new_dimension_takes_its_values_and_number_type_from_the_cells():
    csv = b"bandwidth,floor,amount\n100,1,10\n100,2,11.5\n"
    body = import_matrix("csv", csv, {**MATRIX, "body": {**MATRIX["body"], "requireComplete": False}})["body"]
    assert body["dimensions"][1] == {"name": "floor", "type": "number", "values": [1, 2]}
    assert body["cells"] == [{"key": [100, 1], "amount": "10"}, {"key": [100, 2], "amount": "11.5"}]
    assert body["currency"] == "EUR"


def test_every_bad_cell_is_reported_with_its_row_and_column():
    with pytest.raises(TableImportError) as error:
        import_matrix("csv", b"bandwidth,term,region,amount\n,12,north,1\n100,12,north,1,5\n100,x,south,\n", MATRIX)
    assert {(p["row"], p["column"], p["code"]) for p in error.value.problems} == {
        (2, "A", "required"), (4, "B", "not_a_number"), (4, "D", "bad_amount")}


def test_a_sheet_without_an_amount_column_is_a_layout_problem():
    with pytest.raises(TableImportError) as error:
        import_matrix("csv", b"bandwidth,price\n100,1\n", MATRIX)
    assert error.value.problems[0]["code"] == "bad_layout"
