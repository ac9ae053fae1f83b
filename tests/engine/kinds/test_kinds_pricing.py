from datetime import UTC, datetime
from decimal import Decimal

from engine.kinds import compile_document, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_price_rows_are_checked(fixture_document):
    document = fixture_document("price_list")
    prices = document["body"]["prices"]
    prices[0]["validFor"] = {"startDateTime": "2026-05-01", "endDateTime": "2026-04-01"}
    prices[1]["id"] = "fibre-nrc"
    prices[2]["validFor"] = {"startDateTime": "next tuesday"}
    prices[3]["condition"] = {">=": [{"var": "order.term"}]}
    assert sorted(codes(document)) == sorted([
        ("/body/prices/0/validFor/endDateTime", "invalid_range"),
        ("/body/prices/1/id", "duplicate_id"),
        ("/body/prices/2/validFor/startDateTime", "invalid_date"),
        ("/body/prices/3/condition", "jsonlogic.wrong_arity")])


def test_recurring_needs_a_period_and_amounts_must_be_decimal_text(fixture_document):
    document = fixture_document("price_list")
    del document["body"]["prices"][1]["recurringChargePeriod"]
    document["body"]["prices"][0]["amount"] = "12,50"
    assert codes(document) == [("/body/prices/0/amount", "schema.pattern"), ("/body/prices/1", "schema.required")]


def test_price_lines_are_decimal_with_provenance(fixture_document):
    prices = compile_document(fixture_document("price_list"), version=7)
    lines = prices.prices_for("fibre-500", datetime(2026, 3, 1, tzinfo=UTC), {"order": {"term": 12}})
    assert [line.amount for line in lines] == [Decimal("99.00"), Decimal("49.9")]
    assert lines[1].source.as_dict() == {"artifact": "prices.fixture", "version": 7, "row": "fibre-mrc"}
    assert prices.prices_for("unknown") == []


def test_matrix_cells_must_fit_the_dimensions(fixture_document):
    document = fixture_document("pricing_matrix")
    cells = document["body"]["cells"]
    cells[0]["key"] = [100, 12]
    cells[1]["key"] = [100, 18, "south"]
    cells[2]["key"] = [100, 12, "south"]
    cells[3]["key"] = ["fast", 24, "south"]
    assert codes(document) == [
        ("/body/cells/0/key", "dimension_mismatch"),
        ("/body/cells/1/key/1", "unknown_dimension_value"),
        ("/body/cells/3/key/0", "invalid_value"),
        ("/body/cells", "missing_cell")]


def test_matrix_duplicate_cells_and_dimension_sources(fixture_document):
    document = fixture_document("pricing_matrix")
    document["body"]["cells"][1]["key"] = [100, 12, "north"]
    document["body"]["requireComplete"] = False
    document["body"]["dimensions"][2]["path"] = "order.region"
    document["body"]["dimensions"][0]["values"] = [100, "100.0", 500]
    assert codes(document) == [
        ("/body/dimensions/0/values/1", "duplicate_value"),
        ("/body/dimensions/2/expression", "path_and_expression"),
        ("/body/cells/1/key", "duplicate_cell")]


def test_matrix_lookup_normalises_numbers_and_falls_back_to_the_default(fixture_document):
    document = fixture_document("pricing_matrix")
    document["body"]["default"] = "99"
    matrix = compile_document(document, version=2)
    hit = matrix.lookup({"bandwidth": "500.0", "term": 12, "region": "north"})
    assert hit.amount == Decimal("45.00") and hit.source.row == "c5" and hit.source.version == 2
    assert matrix.lookup({"bandwidth": 42, "term": 12, "region": "north"}).source.row == "default"
    assert matrix.lookup({"bandwidth": None, "term": 12, "region": "north"}).amount == Decimal("99")
