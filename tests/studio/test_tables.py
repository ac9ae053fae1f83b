"""``ordo table import / export`` files keep DMN names exactly (studio.tables)."""
import json

import pytest

from engine.kinds import compile_document, validate_document
from studio.tables import read_table, table_document, write_table
from tests.engine.rules.dmn.test_dmn_names import APPLICANT, EXACT_OUTPUTS, LOAN_DMN_13


@pytest.mark.parametrize("suffix", [".dmn", ".xlsx", ".csv"])
def test_a_dmn_file_with_non_identifier_names_round_trips_through_every_format(suffix, tmp_path):
    source = tmp_path / "loan.dmn"
    source.write_text(LOAN_DMN_13)
    name, body = read_table(source)
    document = table_document("loan.decision", name, body)
    assert name == "Loan decision" and validate_document(document) == []
    assert list(compile_document(document).evaluate(APPLICANT).value) == EXACT_OUTPUTS
    target = tmp_path / f"loan{suffix}"
    write_table(target, "loan.decision", name, body)
    _, again = read_table(target)
    assert json.dumps(again, sort_keys=True) == json.dumps(body, sort_keys=True)


def test_bytes_in_every_format_round_trip_and_bad_ones_name_their_cell():
    from studio.tables import TableImportError, export_table, import_table

    _, body = import_table("dmn", LOAN_DMN_13.encode())
    for fmt in ("dmn", "xlsx", "csv"):
        _, again = import_table(fmt, export_table(fmt, "loan.decision", "Loan", body))
        assert again == body
    csv = export_table("csv", "loan.decision", "Loan", body).decode().splitlines()
    csv[7] = "r1,[1..,x" + csv[7][csv[7].index(",", 3):]
    with pytest.raises(TableImportError) as error:
        import_table("csv", "\n".join(csv).encode())
    assert any((p["row"], p["column"]) == (8, "B") for p in error.value.problems)
