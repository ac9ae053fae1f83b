"""W8 fallout manager dashboard in Chromium: the charts by type, age, group and priority render from the summary
and each bar's link opens the queue filtered to it; a system marked down shows its open breaker and the
fallout manager marks it up."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_orders import example, open_fallout, place

SLOW = 20_000


def test_the_charts_render_and_drill_into_the_queue(page, ordo_server, login_api):
    open_fallout(login_api("falloutManager"), place(login_api("orderAgent"), example("iot-apn-unknown")))
    summary = login_api("falloutManager").get("/api/v1/fallout/summary").json()
    sign_in(page, ordo_server, "falloutManager", "/workspace/fallout-dashboard")
    for chart in ("byType", "byAge", "byGroup", "byPriority"):
        expect(page.get_by_test_id(f"chart-{chart}").locator(".recharts-bar-rectangle").first).to_be_visible(timeout=SLOW)
    by_type = page.get_by_test_id("chart-byType")
    expect(by_type.get_by_role("link", name=re.compile(r"^provisioningFailure: \d+$"))).to_be_visible()
    assert_accessible(page)
    page.get_by_test_id("chart-byGroup").get_by_role("link", name=re.compile(r"^noc-business: \d+$")).click()
    expect(page).to_have_url(re.compile(r"/workspace/fallout\?group=noc-business$"))
    expect(page.get_by_text(f"of {summary['byGroup']['noc-business']}", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Clear the group filter")).to_be_visible()


def test_the_fallout_manager_marks_a_system_up(page, ordo_server, login_api):
    system = f"hss-{uuid.uuid4().hex[:8]}"
    assert login_api("falloutManager").post(f"/api/v1/systems/{system}/down").status_code == 200
    sign_in(page, ordo_server, "falloutManager", "/workspace/fallout-dashboard")
    row = page.locator(f'tr[data-system="{system}"]')
    expect(row.locator('[data-state="open"]')).to_be_visible()
    expect(row).to_contain_text("marked down")
    assert_accessible(page)
    row.get_by_role("button", name=f"Mark {system} up").click()
    expect(row.locator('[data-state="closed"]')).to_be_visible(timeout=SLOW)
    expect(row.get_by_role("button")).to_have_count(0)
    assert login_api("falloutManager").get(f"/api/v1/systems/{system}").json()["state"] == "closed"


def test_a_fallout_agent_sees_the_systems_but_may_not_mark_one_up(page, ordo_server, login_api):
    system = f"pcrf-{uuid.uuid4().hex[:8]}"
    assert login_api("falloutManager").post(f"/api/v1/systems/{system}/down").status_code == 200
    sign_in(page, ordo_server, "falloutAgent", "/workspace/fallout-dashboard")
    row = page.locator(f'tr[data-system="{system}"]')
    expect(row.locator('[data-state="open"]')).to_be_visible()
    expect(row.get_by_role("button")).to_have_count(0)
    assert_accessible(page)
