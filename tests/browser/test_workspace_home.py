"""W1 home tiles in Chromium: each role sees a count per list it may read (the server's summary) and each tile
opens that list filtered; the fallout agent's tiles lead to its fallout queue showing the same total; an
approver sees its approvals tile and no fallout; a customer sees no tiles (its portal has its own)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_orders import example, open_fallout, place

SUMMARY = "/api/v1/workspace/summary"
AGENT_TILES = {"New orders": "/workspace/orders?state=acknowledged", "My open tasks": "/workspace/tasks?view=mine",
               "My groups' open tasks": "/workspace/tasks?view=groups",
               "Unassigned tasks": "/workspace/tasks?view=unassigned", "My fallouts": "/workspace/fallout?scope=mine",
               "My groups' fallouts": "/workspace/fallout?scope=groups",
               "High and critical jeopardy": "/workspace/jeopardy?level=high"}


def tile(page, label: str):
    return page.get_by_role("navigation", name="Your work").get_by_role("link", name=re.compile(f"^{re.escape(label)}\\s*:\\s*\\d+$"))


def test_the_fallout_agents_tiles_count_and_open_its_lists(page, ordo_server, login_api):
    record = open_fallout(login_api("falloutAgent"), place(login_api("orderAgent"), example("iot-apn-unknown")))
    moved = login_api("falloutManager").post(f"/api/v1/fallout/{record['id']}/reassign",
                                             json={"assignee": "falloutAgent", "reason": "yours"})
    assert moved.status_code == 200, moved.text
    agent = login_api("falloutAgent")
    counts = agent.get(SUMMARY).json()
    assert counts["pendingApprovals"] is None and counts["myFallouts"] >= 1
    sign_in(page, ordo_server, "falloutAgent")
    for label, href in AGENT_TILES.items():
        expect(tile(page, label)).to_have_attribute("href", href)
    expect(page.get_by_role("link", name=re.compile("^Approvals to decide"))).to_have_count(0)
    expect(tile(page, "My fallouts").get_by_test_id("tile-count")).to_have_text(str(counts["myFallouts"]))
    expect(tile(page, "My groups' fallouts").get_by_test_id("tile-count")).to_have_text(str(counts["groupFallouts"]))
    assert_accessible(page)
    tile(page, "My fallouts").click()
    expect(page).to_have_url(re.compile(r"/workspace/fallout\?scope=mine$"))
    expect(page.get_by_text(re.compile(f"of {counts['myFallouts']}$"))).to_be_visible()
    expect(page.locator(f'tr[data-row="{record["id"]}"]')).to_contain_text("falloutAgent")
    expect(page.get_by_role("radio", name="Mine")).to_be_checked()
    page.goto("/")
    tile(page, "Unassigned tasks").click()
    expect(page).to_have_url(re.compile(r"/workspace/tasks\?view=unassigned$"))
    expect(page.get_by_role("radio", name="Unassigned")).to_be_checked()


def test_an_approver_sees_its_approvals_tile_and_no_fallout(page, ordo_server, login_api):
    counts = login_api("orderApprover").get(SUMMARY).json()
    sign_in(page, ordo_server, "orderApprover")
    approvals = tile(page, "Approvals to decide")
    expect(approvals).to_have_attribute("href", "/workspace/approvals")
    expect(approvals.get_by_test_id("tile-count")).to_have_text(str(counts["pendingApprovals"]))
    expect(page.get_by_role("link", name=re.compile("fallouts:"))).to_have_count(0)
    assert_accessible(page)


def test_a_customer_sees_no_tiles(page, ordo_server, login_api):
    assert login_api("customer").get(SUMMARY).status_code == 403
    sign_in(page, ordo_server, "customer")
    expect(page.get_by_role("heading", name=re.compile("^Welcome"))).to_be_visible()
    expect(page.get_by_role("navigation", name="Your work")).to_have_count(0)
    assert_accessible(page)
