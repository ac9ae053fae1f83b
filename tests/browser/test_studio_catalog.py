"""The studio's artifact catalog (S1) and history and compare (S7) in Chromium: filter by kind in the URL, create an
artifact, edit and save it, duplicate it, discard a draft; every demo kind opens in its editor without an unsupported
field; compare two versions (a change list, a decision-table grid) and restore an old one as a new draft; an auditor
reads without writing."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in, signed_in_page

BASE = "/api/v1/studio"


def catalog_row(page, key: str):
    return page.get_by_role("table", name="Artifacts").locator(f'tbody tr[data-row="{key}"]')


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def etag(api, key: str, version: int) -> str:
    return api.get(f"{BASE}/artifacts/{key}/versions/{version}").headers["ETag"]


def new_version(api, key: str, change) -> int:
    """Open a draft of ``key``, change its document, save it: the draft's version number."""
    draft = api.post(f"{BASE}/artifacts/{key}/drafts", json={})
    assert draft.status_code == 201, draft.text
    version, document = draft.json()["version"], draft.json()["document"]
    change(document)
    saved = api.put(f"{BASE}/artifacts/{key}/versions/{version}", json=document,
                    headers={"If-Match": etag(api, key, version)})
    assert saved.status_code == 200, saved.text
    return version


def copy_of(api, source: str, key: str, title: str, publish: bool = True) -> dict:
    """A new artifact ``key`` with the document of ``source``@1, published as version 1 when ``publish``."""
    document = {**api.get(f"{BASE}/artifacts/{source}/versions/1").json()["document"], "key": key, "title": title}
    created = api.post(f"{BASE}/artifacts", json=document)
    assert created.status_code == 201, created.text
    if publish:
        published = api.post(f"{BASE}/artifacts/{key}/versions/1/publish")
        assert published.status_code == 200, published.text
    return document


def test_a_process_admin_filters_creates_edits_duplicates_and_discards(page, ordo_server, login_api):
    api = login_api("processAdmin")
    sign_in(page, ordo_server, "processAdmin", start="/studio")
    expect(page.get_by_role("heading", name="Artifacts")).to_be_visible()
    choose(page, "Kind", "Fallout rules")
    expect(page).to_have_url(re.compile(r"/studio\?kind=fallout_rules$"))
    page.reload()
    expect(page.get_by_role("combobox", name="Kind")).to_have_value("Fallout rules")
    expect(catalog_row(page, "fallout.default")).to_be_visible()
    kinds = page.get_by_role("table", name="Artifacts").locator("tbody tr[data-row] td:nth-child(3)").all_inner_texts()
    assert set(kinds) == {"fallout_rules"}
    assert_accessible(page)

    # New: the dialog starts from the filtered kind; the editor opens on version 1, a draft
    page.get_by_role("button", name="New artifact").click()
    dialog = page.get_by_role("dialog", name="New artifact")
    expect(dialog.get_by_role("combobox", name="Kind")).to_have_value("Fallout rules")
    dialog.get_by_role("textbox", name="Key").fill("fallout.browser")
    dialog.get_by_role("textbox", name="Title").fill("Browser fallout")
    dialog.get_by_role("button", name="Create").click()
    expect(page).to_have_url(re.compile(r"/studio/artifacts/fallout\.browser/versions/1$"))
    created = api.get(f"{BASE}/artifacts/fallout.browser/versions/1").json()
    assert (created["status"], created["revision"], created["document"]["title"]) == ("draft", 1, "Browser fallout")
    assert created["document"]["body"]["rules"], "the new artifact starts from the kind's example body"

    # edit a field (the title, which every kind's editor has) and save the draft
    title = page.get_by_role("textbox", name="Title")
    title.fill("Browser fallout, edited")
    title.press("Enter")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("button", name="Save draft")).to_be_disabled()
    expect(page.get_by_text("revision 2")).to_be_visible()
    saved = api.get(f"{BASE}/artifacts/fallout.browser/versions/1").json()
    assert (saved["revision"], saved["document"]["title"]) == (2, "Browser fallout, edited")

    # the catalog row shows the draft, never published, not in the active pack, and who edited it
    page.goto("/studio?kind=fallout_rules")
    row = catalog_row(page, "fallout.browser")
    expect(row.locator("td").nth(1)).to_have_text("Browser fallout, edited")
    expect(row.locator("td").nth(3)).to_have_text("v1")
    expect(row.locator("td").nth(3).locator("[title]")).to_have_attribute("title", "revision 2")
    expect(row.locator("td").nth(4)).to_have_text("never")
    expect(row.locator("td").nth(5)).to_have_text("no")
    expect(row.locator("td").nth(7)).to_have_text(api.username)

    # duplicate: a new key from the version's document
    row.get_by_role("button", name="Duplicate fallout.browser").click()
    dialog = page.get_by_role("dialog", name="Duplicate fallout.browser")
    expect(dialog.get_by_role("textbox", name="Key")).to_have_value("fallout.browser-copy")
    dialog.get_by_role("button", name="Duplicate").click()
    expect(page).to_have_url(re.compile(r"/studio/artifacts/fallout\.browser-copy/versions/1$"))
    copy = api.get(f"{BASE}/artifacts/fallout.browser-copy/versions/1").json()["document"]
    assert copy["body"] == saved["document"]["body"] and copy["key"] == "fallout.browser-copy"
    assert copy["title"] == "Browser fallout, edited (copy)"

    # discard the copy's draft, after a confirmation
    page.goto("/studio?kind=fallout_rules")
    row = catalog_row(page, "fallout.browser-copy")
    row.get_by_role("button", name="Discard draft of fallout.browser-copy").click()
    confirm = page.get_by_role("dialog", name="Discard the draft?")
    expect(confirm).to_contain_text("fallout.browser-copy")
    confirm.get_by_role("button", name="Discard draft").click()
    expect(row.get_by_role("button", name="Discard draft of fallout.browser-copy")).to_have_count(0)
    expect(row.locator("td").nth(3)).to_have_text("")
    assert api.get(f"{BASE}/artifacts/fallout.browser-copy/versions").json() == []
    assert api.get(f"{BASE}/artifacts/fallout.browser/versions/1").json()["status"] == "draft"


DEMO_OF_EACH_KIND = ["approval.policy", "catalog.telco-demo", "decompose.telco", "enrich.telco", "fallout.default",
                     "jeopardy.sla", "plan.iot", "prices.eur", "prices.fibre-matrix"]


def test_every_kind_of_the_demo_pack_opens_in_an_editor_without_errors(page, login_api):
    api = login_api("processAdmin")
    kinds = {a["kind"] for a in api.get(f"{BASE}/artifacts", params={"limit": 1000}).json()}
    opened = {api.get(f"{BASE}/artifacts/{key}/versions/1").json()["kind"] for key in DEMO_OF_EACH_KIND}
    assert opened == kinds
    signed_in_page(page, api, "/studio")
    for key in DEMO_OF_EACH_KIND:
        page.goto(f"/studio/artifacts/{key}/versions/1")
        expect(page.get_by_role("link", name="History")).to_be_visible()
        expect(page.get_by_text("Problems")).to_be_visible()
        expect(page.get_by_text(re.compile("Unsupported field schema"))).to_have_count(0)
        expect(page.get_by_role("alert")).to_have_count(0)


def test_search_and_state_filters_are_in_the_url(page, login_api):
    api = login_api("processAdmin")
    copy_of(api, "jeopardy.sla", "jeopardy.browser-search", "Searchable jeopardy", publish=False)
    signed_in_page(page, api, "/studio")
    page.get_by_role("textbox", name="Search").fill("SEARCHABLE")
    expect(page).to_have_url(re.compile(r"q=SEARCHABLE"))
    expect(catalog_row(page, "jeopardy.browser-search")).to_be_visible()
    expect(page.get_by_role("table", name="Artifacts").locator("tbody tr[data-row]")).to_have_count(1)
    page.get_by_role("textbox", name="Search").fill("")
    choose(page, "State", "Has a draft")
    expect(page).to_have_url(re.compile(r"state=draft"))
    expect(catalog_row(page, "jeopardy.browser-search")).to_be_visible()
    expect(catalog_row(page, "jeopardy.sla")).to_have_count(0)


def test_history_compares_two_versions_and_restores_an_old_one_as_a_new_draft(page, login_api):
    api = login_api("processAdmin")
    original = copy_of(api, "jeopardy.sla", "jeopardy.browser-history", "History v1")
    version = new_version(api, "jeopardy.browser-history", lambda d: d.update(title="History v2"))
    assert api.post(f"{BASE}/artifacts/jeopardy.browser-history/versions/{version}/publish").status_code == 200

    signed_in_page(page, api, "/studio?q=browser-history")
    catalog_row(page, "jeopardy.browser-history").get_by_role("link", name="History of jeopardy.browser-history").click()
    expect(page.get_by_role("heading", name="History of jeopardy.browser-history")).to_be_visible()
    versions = page.get_by_role("table", name="Versions")
    expect(versions.locator("tbody tr")).to_have_count(2)
    expect(versions.locator('tr[data-version="2"]')).to_contain_text(api.username)
    expect(versions.locator('tr[data-version="2"]').get_by_label(re.compile("0 added, 0 removed, 1 changed"))).to_be_visible()
    page.get_by_role("checkbox", name="Pick version 1").check()
    page.get_by_role("checkbox", name="Pick version 2").check()
    page.get_by_role("button", name="Compare v1 and v2").click()
    expect(page).to_have_url(re.compile(r"from=1&to=2"))
    changes = page.get_by_role("table", name="Changes")
    expect(changes.locator("tbody tr")).to_have_count(1)
    expect(changes).to_contain_text("title")
    expect(changes).to_contain_text("History v1")
    expect(changes).to_contain_text("History v2")
    assert_accessible(page)

    page.get_by_role("button", name="Restore as draft: version 1").click()
    expect(page).to_have_url(re.compile(r"/studio/artifacts/jeopardy\.browser-history/versions/3$"))
    restored = api.get(f"{BASE}/artifacts/jeopardy.browser-history/versions/3").json()
    assert restored["status"] == "draft" and restored["document"] == original
    audit = api.get("/api/v1/audit", params={"entityType": "artifact", "entityId": "jeopardy.browser-history@3"}).json()
    assert [(e["action"], e["actor"], e["data"]) for e in audit] == [("artifact.draft_created", api.username, {"from": 1})]


def test_a_decision_table_compare_marks_rows_and_cells(page, login_api):
    api = login_api("processAdmin")
    copy_of(api, "approval.policy", "approval.browser-compare", "Compare me", publish=False)

    def change(document):
        rules = document["body"]["rules"]
        rules[0]["outputEntries"][0] = "autoApprove"
        rules.pop(1)

    assert api.post(f"{BASE}/artifacts/approval.browser-compare/versions/1/publish").status_code == 200
    new_version(api, "approval.browser-compare", change)
    before = api.get(f"{BASE}/artifacts/approval.browser-compare/versions/1").json()["document"]["body"]["rules"]
    signed_in_page(page, api, "/studio/artifacts/approval.browser-compare/history?from=1&to=2")
    grid = page.get_by_role("table", name="Rule changes")
    first, removed = before[0]["id"], before[1]["id"]
    expect(grid.locator(f'tr[data-rule="{first}"]')).to_have_attribute("data-state", "changed")
    expect(grid.locator(f'tr[data-rule="{first}"] td[data-state="changed"]')).to_contain_text("autoApprove")
    expect(grid.locator(f'tr[data-rule="{removed}"]')).to_have_attribute("data-state", "removed")
    expect(page.get_by_role("button", name="Restore as draft: version 1")).to_be_disabled()  # a draft is open


def test_an_auditor_reads_the_catalog_and_history_but_may_not_write(page, login_api, console):
    admin = login_api("processAdmin")
    copy_of(admin, "fallout.default", "fallout.browser-audited", "Audited draft", publish=False)
    auditor = login_api("auditor")
    signed_in_page(page, auditor, "/studio?q=browser-audited")
    row = catalog_row(page, "fallout.browser-audited")
    expect(row).to_be_visible()
    expect(row.locator("td").nth(3)).to_have_text("v1")
    expect(page.get_by_role("button", name="New artifact")).to_have_count(0)
    expect(row.get_by_role("button", name=re.compile("Discard draft"))).to_have_count(0)
    expect(row.get_by_role("button", name=re.compile("Duplicate"))).to_have_count(0)
    row.get_by_role("link", name="History of fallout.browser-audited").click()
    expect(page.get_by_role("table", name="Versions").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("Restore as draft"))).to_have_count(0)
    document = admin.get(f"{BASE}/artifacts/fallout.default/versions/1").json()["document"]
    refused = auditor.post(f"{BASE}/artifacts", json={**document, "key": "fallout.by-auditor"})
    assert refused.status_code == 403
    assert auditor.post(f"{BASE}/artifacts/fallout.browser-audited/drafts", json={"from": 1}).status_code == 403
    assert admin.get(f"{BASE}/artifacts/fallout.by-auditor/versions").status_code == 404
