"""The imports API: upload a partner's CSV with its mapping, follow it, download the rejects, fix them and
import them again; previews store nothing; customers may not import; bad uploads are clear errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from engine.runtime.imports.service import RUN
from engine.store.models import AuditEvent, CustomerOrder, OrderImport
from tests.engine.runtime.imports.support import HEADER, add_customers, line, publish_mapping

pytestmark = pytest.mark.db
IMPORTS = "/api/v1/imports"


def csv_body(rows: list[dict], header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    return out.getvalue().encode()


@pytest.fixture
def ready(app, runtime, demo_pack, tmp_path):
    app.config["IMPORT_FOLDER"] = tmp_path / "imports"
    publish_mapping(runtime)
    add_customers(runtime, "cust-1")
    return app


def upload(client, body: bytes, **params):
    query = {"mapping": "import.acme-fibre", "fileName": "acme.csv", **params}
    return client.post(IMPORTS, query_string=query, data=body, content_type="text/csv")


def run(worker):
    worker.kinds = [RUN]
    worker.run_until_idle()


def stored_orders(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder))


def test_an_agent_imports_a_csv_downloads_the_rejects_fixes_them_and_imports_them_again(ready, client, runtime,
                                                                                         worker, clock):
    started = upload(client, csv_body([line("A-1"), line("A-2", product="FIBER9"), line("A-3", qty="x")]))
    assert started.status_code == 201, started.json
    assert started.headers["Location"] == f"{IMPORTS}/{started.json['id']}"
    assert started.json["state"] == "queued" and started.json["mapping"] == {"key": "import.acme-fibre", "version": 1}
    run(worker)
    done = client.get(f"{IMPORTS}/{started.json['id']}").json
    assert (done["state"], done["ordersCreated"], done["ordersRejected"], done["progress"]) == ("completed", 1, 2, 1.0)
    listed = client.get(f"{IMPORTS}/{started.json['id']}/rejects").json
    assert [(r["row"], r["column"]) for r in listed] == [(3, "product"), (4, "qty")]

    file = client.get(f"{IMPORTS}/{started.json['id']}/rejects/file")
    assert file.status_code == 200 and file.mimetype == "text/csv"
    assert 'filename="acme-rejects.csv"' in file.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(file.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["order_ref"] for r in rows] == ["A-2", "A-3"]
    assert "'FIBER9' is not one of the mapped values" in rows[0]["error"]
    rows[0]["product"], rows[1]["qty"] = "FIBRE100", "1"
    clock.advance(minutes=5)

    again = upload(client, csv_body(rows, HEADER + ["error"]), fileName="acme-rejects.csv")
    assert again.status_code == 201, again.json
    run(worker)
    fixed = client.get(f"{IMPORTS}/{again.json['id']}").json
    assert (fixed["ordersCreated"], fixed["ordersRejected"]) == (2, 0)
    assert stored_orders(runtime) == 3
    listing = client.get(IMPORTS).json
    assert [i["id"] for i in listing] == [again.json["id"], started.json["id"]]
    imported = client.get("/api/v1/orders", query_string={"importId": again.json["id"], "sort": "id"}).json
    assert sorted(order["externalId"] for order in imported) == ["A-2", "A-3"]
    with runtime.reading() as session:
        audited = session.execute(select(AuditEvent.action, AuditEvent.data).where(
            AuditEvent.entity_id == started.json["id"]).order_by(AuditEvent.id)).all()
    assert [action for action, _ in audited] == ["import.started", "import.completed"]
    assert audited[0].data["sha256"] == started.json["fileSha256"] and audited[0].data["mapping"] == "import.acme-fibre@1"
    assert audited[1].data["ordersCreated"] == 1 and audited[1].data["ordersRejected"] == 2


def test_a_preview_shows_the_first_orders_with_their_problems_and_stores_nothing(ready, client, runtime):
    answer = client.post(f"{IMPORTS}/preview", query_string={"mapping": "import.acme-fibre", "limit": 2},
                         data=csv_body([line("P-1"), line("P-2", product="NOPE"), line("P-3")]),
                         content_type="text/csv")
    assert answer.status_code == 200, answer.json
    orders = answer.json["orders"]
    assert [o["key"] for o in orders] == ["P-1", "P-2"]
    assert orders[0]["problems"] == [] and orders[0]["order"]["productOrderItem"][0]["productOffering"] == {
        "id": "fibre-500"}
    assert orders[1]["problems"][0]["column"] == "product"
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderImport)) == 0
    assert stored_orders(runtime) == 0
    assert list((ready.config["IMPORT_FOLDER"]).iterdir()) == []


def test_a_json_lines_file_of_tmf_orders_imports_without_a_mapping(ready, client, runtime, worker):
    from tests.rulepacks.telco_demo_driver import example
    order = example("fibre-500")
    order["relatedParty"][0]["id"] = "cust-1"
    lines = [json.dumps({**order, "externalId": f"J-{n}"}) for n in range(3)] + ["{not json", json.dumps(
        {k: v for k, v in order.items() if k != "externalId"})]
    started = client.post(IMPORTS, query_string={"fileName": "orders.jsonl", "source": "legacy-oss"},
                          data="\n".join(lines).encode(), content_type="application/x-ndjson")
    assert started.status_code == 201, started.json
    run(worker)
    done = client.get(f"{IMPORTS}/{started.json['id']}").json
    assert (done["ordersCreated"], done["rowsRejected"]) == (3, 2)
    messages = [r["message"] for r in client.get(f"{IMPORTS}/{started.json['id']}/rejects").json]
    assert "line 4: not valid JSON" in messages[0] and "externalId is required" in messages[1]


@pytest.mark.parametrize(("params", "content_type", "status", "said"), [
    ({"mapping": "import.acme-fibre"}, "application/json", 415, "Content-Type"),
    ({"mapping": "no.such-mapping"}, "text/csv", 404, "no published import mapping"),
    ({}, "text/csv", 422, "needs a mapping"),
    ({"mapping": "import.acme-fibre", "source": "bad source!"}, "text/csv", 400, "source"),
])
def test_uploads_that_cannot_work_are_clear_errors_and_leave_nothing(ready, client, runtime, params, content_type,
                                                                     status, said):
    answer = client.post(IMPORTS, query_string={"fileName": "x.csv", **params}, data=csv_body([line("Z-1")]),
                         content_type=content_type)
    assert answer.status_code == status, answer.json
    assert said in json.dumps(answer.json)
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderImport)) == 0
    assert not list(ready.config["IMPORT_FOLDER"].glob("*")) if ready.config["IMPORT_FOLDER"].exists() else True


def test_a_file_larger_than_the_import_limit_is_413(ready, client):
    ready.config["IMPORT_MAX_BYTES"] = 100
    answer = upload(client, csv_body([line(f"L-{n}") for n in range(10)]))
    assert answer.status_code == 413


def test_a_file_missing_a_mapped_column_is_422_naming_it(ready, client):
    answer = upload(client, csv_body([{"order_ref": "M-1"}], header=["order_ref", "customer", "product"]))
    assert answer.status_code == 422
    assert "no column 'street'" in json.dumps(answer.json)


def test_a_finished_import_cannot_be_cancelled(ready, client, worker):
    started = upload(client, csv_body([line("K-1")]))
    run(worker)
    assert client.post(f"{IMPORTS}/{started.json['id']}/cancel").status_code == 409


def test_only_order_desks_and_integrations_may_import(secure_app, runtime, demo_pack, make_user, tmp_path):
    secure_app.config["IMPORT_FOLDER"] = tmp_path
    publish_mapping(runtime)
    client = secure_app.test_client()
    body = csv_body([line("S-1")])
    for role, status in (("customer", 403), ("fulfillmentAgent", 403), ("auditor", 403), ("orderAgent", 201),
                         ("integration", 201)):
        user = make_user(f"u-{role}", role, party="cust-1" if role == "customer" else None)
        answer = client.post(IMPORTS, query_string={"mapping": "import.acme-fibre", "fileName": "a.csv"},
                             data=body, content_type="text/csv", headers=user.headers)
        assert answer.status_code == status, (role, answer.json)
        listed = client.get(IMPORTS, headers=user.headers)
        assert listed.status_code == (200 if status == 201 else 403)


def test_the_mappings_an_import_can_use_are_listed_with_their_columns(ready, client):
    listed = client.get(f"{IMPORTS}/mappings")
    assert listed.status_code == 200
    assert [(m["key"], m["version"], m["format"], m["columns"][:3]) for m in listed.json] == [
        ("import.acme-fibre", 1, "csv", ["order_ref", "customer", "note"])]


def xlsx_body(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_file_imports_through_its_mapping_and_its_rejects_come_back_as_xlsx(ready, client, runtime, worker):
    from openpyxl import load_workbook

    from engine.imports.readers import XLSX_MEDIA
    from tests.engine.runtime.imports.support import MAPPING
    document = json.loads(MAPPING.read_text())
    document["key"], document["body"]["format"] = "import.acme-fibre-xlsx", "xlsx"
    publish_mapping(runtime, document)
    cells = [HEADER, ["X-1", "cust-1", "FIBRE500", 1.0, "flat", "Street 1", 10115, "Berlin", None],
             ["X-2", "cust-1", "FIBER9", 1, "house", "Street 2", 10115, "Berlin", None]]
    started = client.post(IMPORTS, query_string={"mapping": "import.acme-fibre-xlsx", "fileName": "acme.xlsx"},
                          data=xlsx_body(cells), content_type=XLSX_MEDIA)
    assert started.status_code == 201, started.json
    run(worker)
    done = client.get(f"{IMPORTS}/{started.json['id']}").json
    assert (done["ordersCreated"], done["ordersRejected"], done["progress"]) == (1, 1, 1.0), client.get(f"{IMPORTS}/{started.json['id']}/rejects").json
    with runtime.reading() as session:
        order = session.scalar(select(CustomerOrder).where(CustomerOrder.external_id == "X-1"))
        assert order.payload["productOrderItem"][0]["quantity"] == 1
        assert order.payload["productOrderItem"][0]["product"]["place"][0]["postcode"] == "10115"
    file = client.get(f"{IMPORTS}/{started.json['id']}/rejects/file")
    assert file.mimetype == XLSX_MEDIA and 'filename="acme-rejects.xlsx"' in file.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(file.data), read_only=True).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == HEADER + ["error"] and [row[0] for row in rows] == ["X-2"] and "FIBER9" in rows[0][-1]


def test_a_multipart_form_upload_takes_its_file_part_and_name(ready, client, worker):
    started = client.post(IMPORTS, query_string={"mapping": "import.acme-fibre"}, content_type="multipart/form-data",
                          data={"file": (io.BytesIO(csv_body([line("U-1")])), "weekly-acme.csv")})
    assert started.status_code == 201, started.json
    assert started.json["fileName"] == "weekly-acme.csv"
    run(worker)
    assert client.get(f"{IMPORTS}/{started.json['id']}").json["ordersCreated"] == 1
    missing = client.post(IMPORTS, query_string={"mapping": "import.acme-fibre"}, content_type="multipart/form-data",
                          data={"other": (io.BytesIO(b"x"), "x.csv")})
    assert missing.status_code == 422 and "no part named 'file'" in missing.json["detail"]


def test_imported_orders_fulfil_like_any_other(ready, client, worker, clock):
    started = upload(client, csv_body([line("Z-1"), line("Z-2", product="FIBRE100")]))  # flats: no site visit
    worker.kinds = None
    for _ in range(20):  # the import's chunk, then each order's stages and tasks, through their waits
        worker.run_until_idle()
        clock.advance(hours=1)
    orders = client.get("/api/v1/orders", query_string={"importId": started.json["id"], "sort": "id"}).json
    assert sorted((order["externalId"], order["state"]) for order in orders) == [("Z-1", "completed"),
                                                                                  ("Z-2", "completed")]
