"""S2 / S2a in Chromium: the decision-table grid and its test panel, as a business analyst and a process admin.

Real clicks and keys through the UI; the server's state checked through the API where it matters.
"""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in

BAD_ROW = 149  # the pasted row whose input is not a unary test


def _editor(key: str, version: int) -> str:
    return f"/studio/artifacts/{key}/versions/{version}"


def _paste(page, server, target, text: str) -> None:
    """Put ``text`` on the clipboard and press Ctrl+V on ``target``, as pasting from Excel does."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    target.click()
    page.keyboard.press("Control+V")


def _rules(api, key: str, version: int) -> list[dict]:
    answer = api.get(f"/api/v1/studio/artifacts/{key}/versions/{version}")
    assert answer.status_code == 200, answer.text
    return answer.json()["document"]["body"]["rules"]


def _lint_errors(api, key: str, version: int) -> list[dict]:
    answer = api.get(f"/api/v1/studio/artifacts/{key}/versions/{version}/lint")
    assert answer.status_code == 200, answer.text
    return [f for f in answer.json()["findings"] if f["severity"] == "error"]


def test_an_analyst_builds_a_table_from_scratch_pastes_200_rules_fixes_lint_and_tests_it(page, ordo_server, login_api):
    api = login_api("businessAnalyst")
    key = "analyst.segment-region"
    sign_in(page, ordo_server, "businessAnalyst")

    # a new decision table: one input, one output, no rules
    page.goto("/studio/new/decision-table")
    page.get_by_role("textbox", name="Key").fill(key)
    page.get_by_role("textbox", name="Title").fill("Segment to region")
    page.get_by_role("button", name="Create").click()
    grid = page.get_by_role("grid", name=re.compile("Decision table"))
    expect(grid).to_be_visible()
    expect(page.get_by_text("0 rules")).to_be_visible()
    assert _rules(api, key, 1) == []

    # 200 rows from a spreadsheet, one of them with a broken test
    lines = [f'"c{i}"\tout{i}\tpasted {i}' if i != BAD_ROW else f">> {i}\tout{i}\tbroken" for i in range(200)]
    _paste(page, ordo_server, page.get_by_test_id("empty-paste"), "\r\n".join(lines) + "\r\n")
    expect(page.get_by_text("200 rules")).to_be_visible()
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.get_by_text("revision 2")).to_be_visible()
    saved = _rules(api, key, 1)
    assert len(saved) == 200 and len({r["id"] for r in saved}) == 200
    assert saved[0]["inputEntries"] == ['"c0"'] and saved[0]["outputEntries"] == ["out0"]
    assert saved[0]["annotation"] == "pasted 0" and saved[BAD_ROW]["inputEntries"] == [f">> {BAD_ROW}"]

    # one undo step takes the whole paste back, redo brings it again
    page.locator('[data-cell="0:out:0"]').click()
    page.keyboard.press("Control+z")
    expect(page.get_by_text("0 rules")).to_be_visible()
    page.keyboard.press("Control+y")
    expect(page.get_by_text("200 rules")).to_be_visible()

    # the lint error is marked in its cell; choosing it in the problems list selects the cell; fix it
    errors = _lint_errors(api, key, 1)
    assert [(e["row"], e["column"], e["side"]) for e in errors] == [(BAD_ROW, "input1", "input")]
    page.get_by_test_id("problem").filter(has_text="expected a value").click()
    bad = page.locator(f'[data-cell="{BAD_ROW}:in:0"]')
    expect(bad).to_have_attribute("data-lint", "error")
    expect(page.get_by_test_id("cell-bar")).to_contain_text(f"Rule {BAD_ROW + 1}")
    page.keyboard.type(f'"c{BAD_ROW}"')
    page.keyboard.press("Enter")
    expect(bad).to_have_text(f'"c{BAD_ROW}"')
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.get_by_text("revision 3")).to_be_visible()
    expect(page.locator('[data-lint="error"]')).to_have_count(0)
    assert _lint_errors(api, key, 1) == []
    assert _rules(api, key, 1)[BAD_ROW]["inputEntries"] == [f'"c{BAD_ROW}"']

    # the test panel runs the saved draft and highlights the matched rule
    panel = page.get_by_test_id("test-panel")
    panel.get_by_role("textbox", name="input1").fill(f"c{BAD_ROW}")
    panel.get_by_role("button", name="Run test").click()
    expect(panel.get_by_test_id("test-output")).to_have_text(f'"out{BAD_ROW}"')
    expect(panel.get_by_test_id("matched-rule")).to_have_text(f"rule {BAD_ROW + 1} ({saved[BAD_ROW]['id']})")
    expect(page.locator(f'.ordo-row-selected [data-cell="{BAD_ROW}:in:0"]')).to_be_visible()

    # a business analyst may not publish: no button, and the API says 403
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    refused = api.post(f"/api/v1/studio/artifacts/{key}/versions/1/publish")
    assert refused.status_code == 403
    assert_accessible(page)


def test_spreadsheet_keys_add_rules_and_edit_through_the_typed_cell_editor(page, ordo_server, login_api):
    api = login_api("businessAnalyst")
    key = "analyst.keys"
    sign_in(page, ordo_server, "businessAnalyst")
    page.goto("/studio/new/decision-table")
    page.get_by_role("textbox", name="Key").fill(key)
    page.get_by_role("button", name="Create").click()
    page.get_by_role("button", name="Insert rule below").click()
    page.locator('[data-cell="0:in:0"]').click()
    page.keyboard.type('"gold","silver"')
    page.keyboard.press("Tab")  # commits and moves to the output
    page.keyboard.type("premium")
    page.keyboard.press("Enter")  # the last rule: Enter adds one below
    expect(page.get_by_text("2 rules")).to_be_visible()
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_test_id("cell-bar")).to_contain_text("Rule 1 · input1")
    # the typed editor reads the unary test as a list of strings and writes the model's syntax back
    bar = page.get_by_test_id("cell-bar")
    expect(bar.get_by_text("gold")).to_be_visible()
    bar.get_by_label("Test", exact=True).click()
    page.get_by_role("option", name="none of").click()
    bar.get_by_label("None of").fill("bronze")
    page.keyboard.press("Enter")
    expect(page.locator('[data-cell="0:in:0"]')).to_have_text('not("bronze")')
    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.get_by_text("revision 2")).to_be_visible()
    rules = _rules(api, key, 1)
    assert [r["inputEntries"] for r in rules] == [['not("bronze")'], ["-"]]
    assert [r["outputEntries"] for r in rules] == [["premium"], [None]]


@pytest.mark.parametrize("fmt", ["dmn", "xlsx"])
def test_an_admin_publishes_then_exports_imports_into_a_new_draft_and_exports_the_same_rows(page, ordo_server, login_api,
                                                                                             tmp_path, fmt):
    admin = login_api("processAdmin")
    key = f"admin.transfer-{fmt}"
    body = {
        "hitPolicy": "FIRST",
        "inputs": [{"name": "postcodePrefix", "type": "number"}, {"name": "segment", "type": "string",
                                                                  "allowedValues": ["gold", "silver"]}],
        "outputs": [{"name": "region", "type": "string", "allowedValues": ["north", "south"]}],
        "rules": [
            {"id": "north", "inputEntries": ["[1..49]", '"gold"'], "outputEntries": ["north"], "annotation": "N1-N6"},
            {"id": "south", "inputEntries": ["[50..98]", "-"], "outputEntries": ["south"]},
            {"id": "other", "inputEntries": ["-", "-"], "outputEntries": [None]},
        ],
    }
    created = admin.post("/api/v1/studio/artifacts", json={"kind": "decision_table", "key": key, "schemaVersion": 1,
                                                           "title": "Transfer", "body": body})
    assert created.status_code == 201, created.text
    sign_in(page, ordo_server, "processAdmin")
    page.goto(_editor(key, 1))
    expect(page.get_by_text("3 rules")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()
    assert admin.get(f"/api/v1/studio/artifacts/{key}/versions/1").json()["status"] == "published"

    label = "DMN XML" if fmt == "dmn" else "XLSX"
    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("menuitem", name=re.compile(label)).click()
    first = tmp_path / f"first.{fmt}"
    download.value.save_as(first)

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import").click()
    chooser.value.set_files(str(first))
    page.wait_for_url(re.compile("/versions/2$"))
    expect(page.get_by_text("3 rules")).to_be_visible()
    assert admin.get(f"/api/v1/studio/artifacts/{key}/versions/2").json()["status"] == "draft"
    assert _rules(admin, key, 2) == _rules(admin, key, 1)

    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("menuitem", name=re.compile(label)).click()
    second = tmp_path / f"second.{fmt}"
    download.value.save_as(second)
    assert _file_rows(first, fmt) == _file_rows(second, fmt)


def _file_rows(path, fmt: str):
    """What a file says, row by row: the DMN XML's text, or every sheet's cell values."""
    if fmt == "dmn":
        return path.read_text()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
