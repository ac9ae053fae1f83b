"""Bulk import in Chromium: an order agent uploads a partner's CSV with its mapping, previews the first orders
with a problem named by row and column, starts the import and follows it to the end, downloads the rejects,
fixes the rejected row and imports the fixed file: every order is then in Ordo once."""
from __future__ import annotations

import csv
import json
import uuid

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_support import place_example
from tests.engine.runtime.imports.support import HEADER, MAPPING, line, write_csv

SLOW = 60_000


def publish_mapping(admin) -> None:
    document = json.loads(MAPPING.read_text())
    created = admin.post("/api/v1/studio/artifacts", json=document)
    if created.status_code == 409:  # published by an earlier test of this server
        return
    assert created.status_code == 201, created.text
    published = admin.post(f"/api/v1/studio/artifacts/{document['key']}/versions/{created.json()['version']}/publish")
    assert published.status_code == 200, published.text


def choose_file(page, path) -> None:
    page.locator('input[type="file"]').set_input_files(str(path))


def test_an_agent_imports_a_csv_fixes_the_rejected_row_and_imports_it_again(page, login_api, ordo_server, tmp_path):
    publish_mapping(login_api("processAdmin"))
    place_example(login_api("orderAgent"), "fibre-500")  # an order of no import, which the import's list leaves out
    run = uuid.uuid4().hex[:6]
    rows = [line(f"{run}-1", customer="cust-0042"), line(f"{run}-1", product="FIBRE100", customer="cust-0042"),
            line(f"{run}-2", product="FIBER9", customer="cust-0042"), line(f"{run}-3", customer="cust-0042")]
    partner_file = write_csv(tmp_path / f"acme-{run}.csv", rows)

    sign_in(page, ordo_server, "orderAgent", "/workspace/imports/new")
    choose_file(page, partner_file)
    page.get_by_role("combobox", name="Mapping").click()
    page.get_by_role("option", name="Acme partner: fibre orders (CSV, one row per line) · v1").click()
    expect(page.get_by_test_id("mapping-columns")).to_contain_text("order_ref")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_test_id("preview-summary")).to_contain_text("2 ready, 1 with problems")
    expect(page.locator(f'[data-order-key="{run}-2"]')).to_contain_text(
        "row 4, column 'product': 'FIBER9' is not one of the mapped values")
    assert_accessible(page)

    page.get_by_role("button", name="Start import").click()
    expect(page.get_by_text("completed", exact=True)).to_be_visible(timeout=SLOW)
    counts = page.get_by_test_id("import-counts")
    expect(counts).to_contain_text("Orders created2")
    expect(counts).to_contain_text("Orders rejected1")
    expect(page.get_by_role("grid", name="Rejected rows").or_(page.get_by_label("Rejected rows"))).to_contain_text("FIBER9")
    assert_accessible(page)

    expect(page.get_by_test_id("import-orders")).to_have_text("Open the 2 orders of this import")
    page.get_by_test_id("import-orders").click()
    expect(page.get_by_label("Import id")).not_to_have_value("")
    expect(page.get_by_text("1–2 of 2")).to_be_visible()  # this import's orders only, not every order
    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("rejects-file").click()
    rejects = tmp_path / "rejects.csv"
    download.value.save_as(str(rejects))
    fixed = list(csv.DictReader(rejects.open(encoding="utf-8-sig")))
    assert [row["order_ref"] for row in fixed] == [f"{run}-2"] and "FIBER9" in fixed[0]["error"]
    fixed[0]["product"] = "FIBRE1G"
    write_csv(rejects, fixed, HEADER + ["error"])

    page.get_by_role("link", name="New import").click()
    choose_file(page, rejects)
    page.get_by_role("combobox", name="Mapping").click()
    page.get_by_role("option", name="Acme partner: fibre orders (CSV, one row per line) · v1").click()
    page.get_by_role("button", name="Start import").click()
    expect(page.get_by_text("completed", exact=True)).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("import-counts")).to_contain_text("Orders created1")
    expect(page.get_by_test_id("import-counts")).to_contain_text("Orders rejected0")
    expect(page.get_by_test_id("import-orders")).to_have_text("Open the order of this import")

    agent = login_api("orderAgent")
    for key in (f"{run}-1", f"{run}-2", f"{run}-3"):
        assert len(agent.get("/api/v1/orders", params={"externalId": key}).json()) == 1, key
