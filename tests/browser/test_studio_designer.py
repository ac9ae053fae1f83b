"""The catalog and decomposition designer and the rule-list editors in Chromium, as a process admin: a new draft of
the catalog, a characteristic added in the grid, a node renamed and the rename undone, the draft saved (checked
through the API), the decomposition preview of an example order, publish; a jeopardy rule row edited in its drawer,
saved and published; the tree driven by keyboard; no serious accessibility violation."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in

STUDIO = "/api/v1/studio/artifacts"


def latest_published(api, key: str) -> int:
    versions = api.get(f"{STUDIO}/{key}/versions", params={"status": "published", "sort": "-version"}).json()
    return versions[0]["version"]


def open_new_draft(page, ordo_server, api, key: str) -> int:
    """Sign in on the newest published version of ``key``, press New draft; the draft's version number."""
    published = latest_published(api, key)
    sign_in(page, ordo_server, "processAdmin", start=f"/studio/artifacts/{key}/versions/{published}")
    expect(page.get_by_test_id("version-status")).to_have_text("published")
    page.get_by_role("button", name="New draft").click()
    expect(page.get_by_test_id("version-status")).to_have_text("draft")
    return int(page.url.rsplit("/", 1)[1])


def document(api, key: str, version: int) -> dict:
    answer = api.get(f"{STUDIO}/{key}/versions/{version}")
    assert answer.status_code == 200, answer.text
    return answer.json()


def spec(body: dict, level: str, spec_id: str) -> dict:
    return next(s for s in body[level] if s["id"] == spec_id)


def test_catalog_designer_edits_through_the_draft_previews_and_publishes(page, ordo_server, login_api):
    api = login_api("processAdmin")
    version = open_new_draft(page, ordo_server, api, "catalog.telco-demo")
    tree = page.get_by_role("tree", name="Catalog: offerings, product, service and resource specifications")
    expect(tree).to_be_visible()

    # the tree by keyboard: the first offering is expanded with its product spec below; Down moves, Enter selects
    tree.get_by_role("treeitem").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    panel = page.get_by_role("region", name="Selected: Fibre access")
    expect(panel.get_by_role("heading", name="Fibre access")).to_be_visible()

    # a characteristic added in the grid: name, allowed values, default
    grid = panel.get_by_role("table", name="Characteristics of Fibre access")
    rows_before = grid.locator("tbody tr").count()
    panel.get_by_role("button", name="Add characteristic").click()
    name = grid.get_by_role("textbox", name=f"Name of characteristic {rows_before + 1}")
    name.fill("cableColour")
    name.press("Enter")
    allowed = grid.get_by_role("textbox", name="Allowed values of cableColour")
    allowed.fill("white, black")
    allowed.press("Enter")
    grid.get_by_role("combobox", name="Default of cableColour").select_option(label="black")
    expect(page.get_by_test_id("dirty")).to_be_visible()

    # rename a node (its id, references follow), then undo the rename
    tree.get_by_test_id("tree-node").filter(has_text="Internet access · CFS").first.click()
    cfs = page.get_by_role("region", name="Selected: Internet access")
    cfs.get_by_role("textbox", name="Id", exact=True).fill("cfs-broadband")
    cfs.get_by_role("button", name="Rename id").click()
    expect(cfs.get_by_role("textbox", name="Id", exact=True)).to_have_value("cfs-broadband")
    page.get_by_role("button", name="Undo").click()
    expect(cfs.get_by_role("textbox", name="Id", exact=True)).to_have_value("cfs-internet")

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("dirty")).to_have_count(0)
    saved = document(api, "catalog.telco-demo", version)["document"]["body"]
    fibre = spec(saved, "productSpecifications", "spec-fibre-access")
    added = next(c for c in fibre["productSpecCharacteristic"] if c["name"] == "cableColour")
    assert added["characteristicValueSpecification"] == [{"value": "white"}, {"value": "black", "isDefault": True}]
    assert spec(saved, "serviceSpecifications", "cfs-internet")
    assert "cfs-broadband" not in str(saved)

    # the decomposition preview of a demo example order: commercial item left, domain orders right
    page.get_by_role("combobox", name="Sample order").click()
    page.get_by_role("option", name="fibre-500", exact=True).click()
    result = page.get_by_test_id("decomposition-preview")
    expect(result.get_by_role("region", name="Commercial items")).to_contain_text("Fibre Broadband 500M")
    service = result.get_by_role("article", name="Domain order service:oss-fibre")
    expect(service).to_contain_text("rfs-gpon-access")
    expect(service).to_contain_text("after resource:inventory")
    expect(result.get_by_role("article", name="Domain order resource:inventory")).to_contain_text("res-ont")
    assert_accessible(page)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("version-status")).to_have_text("published")
    assert document(api, "catalog.telco-demo", version)["status"] == "published"


def test_a_jeopardy_rule_row_is_edited_in_its_drawer_saved_and_published(page, ordo_server, login_api):
    api = login_api("processAdmin")
    version = open_new_draft(page, ordo_server, api, "jeopardy.sla")
    rules = page.get_by_role("table", name="rules")
    expect(rules.locator("tbody tr")).to_have_count(7)

    rules.get_by_role("button", name="Edit rule manager").click()
    drawer = page.get_by_role("dialog", name="Rule manager")
    priority = drawer.get_by_role("textbox", name="Priority")
    priority.fill("35")
    description = drawer.get_by_role("textbox", name="Description")
    description.fill("Order manager hears of high and critical jeopardy.")
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(drawer).to_have_count(0)
    row = rules.locator("tbody tr[data-row=manager]")
    expect(row).to_contain_text("35")

    # duplicate then delete the copy: the list is back as it was, but for the edit
    rules.get_by_role("button", name="Duplicate rule manager").click()
    expect(rules.locator("tbody tr")).to_have_count(8)
    rules.get_by_role("button", name="Delete rule manager-copy").click()
    expect(rules.locator("tbody tr")).to_have_count(7)

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("dirty")).to_have_count(0)
    body = document(api, "jeopardy.sla", version)["document"]["body"]
    manager = next(r for r in body["rules"] if r["name"] == "manager")
    assert manager["priority"] == 35 and manager["description"].startswith("Order manager")
    assert [r["name"] for r in body["rules"]][:4] == ["raise", "field-late", "field-rapid-response", "manager"]

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("version-status")).to_have_text("published")
    assert document(api, "jeopardy.sla", version)["status"] == "published"


def test_a_decomposition_rule_edit_shows_in_the_preview_before_it_is_saved(page, ordo_server, login_api):
    api = login_api("processAdmin")
    version = open_new_draft(page, ordo_server, api, "decompose.telco")
    page.get_by_role("combobox", name="Sample order").click()
    page.get_by_role("option", name="fibre-500", exact=True).click()
    result = page.get_by_test_id("decomposition-preview")
    inventory = result.get_by_role("article", name="Domain order resource:inventory")
    expect(inventory).to_contain_text("res-router")

    rules = page.get_by_role("table", name="rules")
    rules.get_by_role("button", name="Edit rule fibre-router").click()
    drawer = page.get_by_role("dialog", name="Rule fibre-router")
    exclude = drawer.get_by_role("textbox", name="Exclude when")
    exclude.fill("{not json")
    exclude.press("Tab")
    expect(exclude).to_have_attribute("aria-invalid", "true")
    expect(drawer.get_by_text(re.compile(r"^Not JSON: "))).to_be_visible()
    exclude.fill('{"==": [{"var": "item.characteristics.bandwidth"}, "500M"]}')
    exclude.press("Tab")
    page.keyboard.press("Escape")
    expect(drawer).to_have_count(0)

    # the unsaved draft is what the server decomposes: no router for a 500M line any more, and it says why
    expect(inventory).not_to_contain_text("res-router")
    expect(result).to_contain_text("exclude is true")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("dirty")).to_have_count(0)
    body = document(api, "decompose.telco", version)["document"]["body"]
    router = next(r for r in body["rules"] if r["id"] == "fibre-router")
    assert router["exclude"] == {"==": [{"var": "item.characteristics.bandwidth"}, "500M"]}
