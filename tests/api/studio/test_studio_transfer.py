"""Decision tables and pricing matrices in and out of DMN, XLSX and CSV over HTTP."""
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import ROOT
from tests.engine.rules.dmn.test_dmn_names import LOAN_DMN_13

BASE = "/api/v1/studio"
FIXTURES = ROOT / "tests" / "engine" / "kinds" / "fixtures"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA = {"dmn": "application/dmn+xml", "xlsx": XLSX, "csv": "text/csv"}


def fixture(kind: str) -> dict:
    return json.loads((FIXTURES / f"{kind}.json").read_text())


@pytest.fixture
def table(client):
    document = fixture("decision_table")
    assert client.post(f"{BASE}/artifacts", json=document).status_code == 201
    assert client.post(f"{BASE}/artifacts/{document['key']}/versions/1/publish").status_code == 200
    return document


@pytest.fixture
def matrix(client):
    document = fixture("pricing_matrix")
    assert client.post(f"{BASE}/artifacts", json=document).status_code == 201
    assert client.post(f"{BASE}/artifacts/{document['key']}/versions/1/publish").status_code == 200
    return document


def export(client, key: str, fmt: str, version: int = 1, **kwargs):
    return client.get(f"{BASE}/artifacts/{key}/versions/{version}/export?format={fmt}", **kwargs)


def import_file(client, key: str, fmt: str, data: bytes, query: str = "", **headers):
    return client.post(f"{BASE}/artifacts/{key}/import?format={fmt}{query}", data=data,
                       content_type=headers.pop("content_type", None) or MEDIA.get(fmt, "text/csv"), headers=headers)


@pytest.mark.parametrize("fmt", ["dmn", "xlsx", "csv"])
def test_a_table_exports_as_a_file_and_imports_back_as_a_new_draft_with_the_same_body(client, table, fmt):
    exported = export(client, table["key"], fmt)
    assert exported.status_code == 200 and exported.mimetype == MEDIA[fmt]
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{table["key"]}-v1.{fmt}"'
    imported = import_file(client, table["key"], fmt, exported.data)
    assert imported.status_code == 201, imported.json
    assert (imported.json["version"], imported.json["status"]) == (2, "draft")
    assert imported.json["document"]["body"] == table["body"]
    assert imported.json["document"]["tests"] == table["tests"]
    assert imported.headers["ETag"] == client.get(imported.json["href"]).headers["ETag"]


def test_importing_into_an_open_draft_needs_its_etag(client, table):
    csv = export(client, table["key"], "csv").data
    draft = client.post(f"{BASE}/artifacts/{table['key']}/drafts")
    assert import_file(client, table["key"], "csv", csv).status_code == 428
    assert import_file(client, table["key"], "csv", csv, **{"If-Match": '"stale"'}).status_code == 412
    changed = csv.replace(b"> 10000", b"> 20000")
    saved = import_file(client, table["key"], "csv", changed, **{"If-Match": draft.headers["ETag"]})
    assert saved.status_code == 200 and (saved.json["version"], saved.json["revision"]) == (2, 2)
    assert saved.json["document"]["body"]["rules"][0]["inputEntries"][0] == "> 20000"


def test_an_unknown_key_becomes_a_new_decision_table(client):
    created = import_file(client, "loan.decision", "dmn", LOAN_DMN_13.encode(), "&title=Loans")
    assert created.status_code == 201, created.json
    assert (created.json["kind"], created.json["title"], created.json["version"]) == ("decision_table", "Loans", 1)


def test_bad_csv_cells_are_422_with_row_and_column(client, table):
    csv = export(client, table["key"], "csv").data.replace(b"> 10000", b">> ten")
    response = import_file(client, table["key"], "csv", csv)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    error = response.json["errors"][0]
    assert (error["sheet"], error["row"], error["column"], error["cell"]) == (None, 8, "B", "B8")
    assert error["pointer"].startswith("/rules/0/inputEntries/0") and error["message"]
    assert len(client.get(f"{BASE}/artifacts/{table['key']}/versions").json) == 1


def test_bad_xlsx_cells_are_422_with_sheet_row_and_column(client, table):
    workbook = load_workbook(io.BytesIO(export(client, table["key"], "xlsx").data))
    sheet = workbook.worksheets[0]
    sheet["C9"] = "[1..]"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = import_file(client, table["key"], "xlsx", buffer.getvalue())
    assert response.status_code == 422
    assert {(e["sheet"], e["row"], e["column"]) for e in response.json["errors"]} == {(sheet.title, 9, "C")}


def test_a_file_that_is_no_workbook_or_no_dmn_is_a_422(client, table):
    assert import_file(client, table["key"], "xlsx", b"PK not a zip").status_code == 422
    broken = import_file(client, table["key"], "dmn", b"<definitions")
    assert broken.status_code == 422 and broken.json["errors"][0]["code"]


def test_import_checks_content_type_and_body(client, table):
    csv = export(client, table["key"], "csv").data
    assert import_file(client, table["key"], "csv", csv, content_type="application/json").status_code == 415
    assert import_file(client, table["key"], "dmn", csv, content_type="text/csv").status_code == 415
    assert import_file(client, table["key"], "csv", b"  ").status_code == 400
    assert import_file(client, table["key"], "pdf", csv, content_type="application/pdf").status_code == 400


def test_kinds_without_a_file_format_are_refused(client):
    plan = fixture("orchestration_plan")
    assert client.post(f"{BASE}/artifacts", json=plan).status_code == 201
    for refused in (export(client, plan["key"], "csv"), import_file(client, plan["key"], "csv", b"a,b\n")):
        assert refused.status_code == 422 and refused.json["errors"][0]["parameter"] == "format"


@pytest.mark.parametrize("fmt", ["dmn", "xlsx", "csv"])
def test_a_pricing_matrix_round_trips_through_every_format(client, matrix, fmt):
    exported = export(client, matrix["key"], fmt)
    assert exported.status_code == 200 and exported.mimetype == MEDIA[fmt]
    imported = import_file(client, matrix["key"], fmt, exported.data)
    assert imported.status_code == 201, imported.json
    assert imported.json["document"]["body"] == matrix["body"]


def test_a_pricing_matrix_import_adds_values_and_locates_bad_cells(client, matrix):
    csv = export(client, matrix["key"], "csv").data.decode()
    grown = csv + "".join(f",1000,{term},{region},60.00\n" for term in (12, 24) for region in ("north", "south"))
    imported = import_file(client, matrix["key"], "csv", grown.encode())
    assert imported.status_code == 201, imported.json
    body = imported.json["document"]["body"]
    assert body["dimensions"][0]["values"] == [100, 500, 1000] and body["cells"][-1]["amount"] == "60.00"
    assert body["dimensions"][0]["path"] == matrix["body"]["dimensions"][0]["path"]
    bad = csv.replace("30.00", "thirty").replace(",100,12,south,", ",fast,12,south,")
    etag = client.get(imported.json["href"]).headers["ETag"]
    response = import_file(client, matrix["key"], "csv", bad.encode(), **{"If-Match": etag})
    assert response.status_code == 422
    assert {(e["row"], e["column"], e["code"]) for e in response.json["errors"]} == {
        (2, "E", "bad_amount"), (3, "B", "not_a_number")}


def test_a_matrix_workbook_with_a_duplicate_cell_is_located_on_its_row(client, matrix):
    workbook = Workbook()
    sheet = workbook.active
    for row in (["id", "bandwidth", "term", "region", "amount"], ["a", 100, 12, "north", 30],
                ["b", 100, 12, "north", 31]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = import_file(client, matrix["key"], "xlsx", buffer.getvalue())
    assert response.status_code == 422, response.json
    assert all(e["sheet"] == sheet.title and e["row"] in (1, 2, 3) for e in response.json["errors"])
    assert any(e["pointer"].startswith("/body/cells/") for e in response.json["errors"])


def test_export_needs_studio_read_and_import_studio_edit(secure_client, make_user, table):
    auditor = make_user("audrey", "auditor").headers
    agent = make_user("otto", "orderAgent").headers
    assert export(secure_client, table["key"], "csv", headers=auditor).status_code == 200
    assert export(secure_client, table["key"], "csv", headers=agent).status_code == 403
    refused = secure_client.post(f"{BASE}/artifacts/{table['key']}/import?format=csv", data=b"x",
                                 content_type="text/csv", headers=auditor)
    assert refused.status_code == 403 and "studio.edit" in refused.json["detail"]
    assert secure_client.get(f"{BASE}/artifacts/{table['key']}/versions/1/export?format=csv").status_code == 401
