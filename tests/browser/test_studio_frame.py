"""The studio's editor frame in Chromium, whatever the kind: a role that may not publish does not see Publish and
the API refuses it; a stale save shows the difference and overwrites nothing; unsaved work survives a reload;
leaving with unsaved work asks first."""
from __future__ import annotations

import json
import uuid

from playwright.sync_api import expect

from tests.browser.support import ROOT, assert_accessible, signed_in_page

ARTIFACTS = "/api/v1/studio/artifacts"


def new_draft(session, title: str = "Region from the postcode") -> tuple[str, str]:
    """A fresh decision table (a copy of the demo's region table under a new key) as version 1, a draft."""
    document = json.loads((ROOT / "rulepacks/telco-demo/artifacts/enrich.region.json").read_text())
    key = f"frame.{uuid.uuid4().hex[:8]}"
    created = session.post(ARTIFACTS, json={**document, "key": key, "title": title})
    assert created.status_code == 201, created.text
    return key, created.headers["ETag"]


def editor(key: str, version: int = 1) -> str:
    return f"/studio/artifacts/{key}/versions/{version}"


def retitle(page, title: str) -> None:
    field = page.get_by_role("textbox", name="Title")
    field.fill(title)
    field.press("Enter")


def stale_save(page, login_api, console):
    """The title retitled "Mine" in the editor, "Theirs" saved through the API meanwhile, then Save draft (a 412)."""
    console.allow(r"status of 412")
    admin = login_api("processAdmin")
    key, etag = new_draft(admin)
    signed_in_page(page, admin, editor(key))
    retitle(page, "Mine")
    theirs = admin.get(f"{ARTIFACTS}/{key}/versions/1").json()["document"]
    changed = admin.put(f"{ARTIFACTS}/{key}/versions/1", json={**theirs, "title": "Theirs"}, headers={"If-Match": etag})
    assert changed.status_code == 200, changed.text
    page.get_by_role("button", name="Save draft").click()
    return admin, key


def test_a_business_analyst_saves_a_draft_but_sees_no_publish_and_the_api_refuses_it(page, login_api, console):
    analyst = login_api("businessAnalyst")
    key, _ = new_draft(analyst)
    signed_in_page(page, analyst, editor(key))
    retitle(page, "Region, as the analyst sees it")
    expect(page.get_by_test_id("dirty")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("dirty")).to_have_count(0)
    saved = analyst.get(f"{ARTIFACTS}/{key}/versions/1")
    assert saved.json()["title"] == "Region, as the analyst sees it" and saved.json()["revision"] == 2
    refused = analyst.post(f"{ARTIFACTS}/{key}/versions/1/publish", headers={"If-Match": saved.headers["ETag"]})
    assert refused.status_code == 403 and "studio.publish" in refused.json()["detail"]
    assert analyst.get(f"{ARTIFACTS}/{key}/versions/1").json()["status"] == "draft"
    assert_accessible(page)


def test_a_stale_save_shows_the_difference_and_overwrites_nothing_until_chosen(page, login_api, console):
    admin, key = stale_save(page, login_api, console)
    banner = page.get_by_test_id("stale-banner")
    expect(banner).to_contain_text("Someone saved this draft while you were editing")
    expect(banner).to_contain_text("Mine")
    expect(banner).to_contain_text("Theirs")
    assert admin.get(f"{ARTIFACTS}/{key}/versions/1").json()["title"] == "Theirs"
    assert_accessible(page)
    banner.get_by_role("button", name="Save mine over theirs").click()
    expect(banner).to_have_count(0)
    assert admin.get(f"{ARTIFACTS}/{key}/versions/1").json()["title"] == "Mine"


def test_taking_theirs_after_a_stale_save_shows_their_document(page, login_api, console):
    stale_save(page, login_api, console)
    page.get_by_test_id("stale-banner").get_by_role("button", name="Discard mine, take theirs").click()
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Theirs")
    expect(page.get_by_test_id("dirty")).to_have_count(0)


def test_unsaved_work_is_offered_back_after_a_reload(page, login_api):
    admin = login_api("processAdmin")
    key, _ = new_draft(admin)
    signed_in_page(page, admin, editor(key))
    retitle(page, "Not saved yet")
    page.wait_for_timeout(1500)  # the local copy is written 1 s after the last change
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    banner = page.get_by_test_id("recovered-banner")
    expect(banner).to_contain_text("Unsaved changes found")
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Region from the postcode")
    banner.get_by_role("button", name="Restore them").click()
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Not saved yet")
    expect(page.get_by_test_id("dirty")).to_be_visible()


def test_leaving_with_unsaved_work_asks_first_and_staying_keeps_it(page, login_api):
    admin = login_api("processAdmin")
    key, _ = new_draft(admin)
    signed_in_page(page, admin, editor(key))
    retitle(page, "Keep me")
    asked = []

    def stay(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", stay)
    with page.expect_event("dialog"):
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Artifacts").click()
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Keep me")
    assert "unsaved changes" in asked[0]
    assert page.url.endswith(editor(key))


def test_a_link_to_a_row_or_a_node_opens_the_editor_on_it(page, login_api):
    signed_in_page(page, login_api("auditor"), "/studio/artifacts/enrich.region/versions/1?row=south")
    selected = page.locator('[role="gridcell"][aria-selected="true"]')
    expect(selected).to_have_count(1)
    assert selected.locator("[data-cell]").get_attribute("data-cell").startswith("2:")
    page.goto("/studio/artifacts/plan.fibre-service/versions/1?node=install-south")
    expect(page.locator(".react-flow__node.selected").get_by_test_id("node-install-south")).to_be_visible()
    expect(page.locator(".react-flow__node.selected")).to_have_count(1)


def test_a_save_elsewhere_reaches_an_open_editor_live(page, login_api):
    """The tab's shared live stream: with no unsaved work the editor shows another person's save; with unsaved work
    it only says so and keeps the work."""
    admin = login_api("processAdmin")
    key, etag = new_draft(admin)
    with page.expect_response(lambda answer: "/api/v1/stream" in answer.url):  # following from now on
        signed_in_page(page, admin, editor(key))
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Region from the postcode")
    theirs = admin.get(f"{ARTIFACTS}/{key}/versions/1").json()["document"]
    saved = admin.put(f"{ARTIFACTS}/{key}/versions/1", json={**theirs, "title": "Saved elsewhere"},
                      headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Saved elsewhere")

    retitle(page, "Mine, unsaved")
    again = admin.put(f"{ARTIFACTS}/{key}/versions/1", json={**theirs, "title": "Saved elsewhere again"},
                      headers={"If-Match": saved.headers["ETag"]})
    assert again.status_code == 200, again.text
    expect(page.get_by_text("Someone else changed this artifact")).to_be_visible()
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Mine, unsaved")
