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
