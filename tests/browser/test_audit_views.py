"""A1-A5, the auditor's read-only views, in Chromium: the auditor filters the log and verifies the chain; opens
the published matrix version an order ran on and sees the pack that pins it and the order; diffs it with a newer
version; opens the pack activation history and an activation's changes; opens the order's why (provenance of
its price lines and tasks) and a plan's printable graph (an <svg> drawn in the browser). A fulfilment agent
opening the audit log sees the forbidden page."""
from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.test_studio_packs import MATRIX, publish_new_matrix_version
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
FIBRE = json.loads((DEMO_PACK / "examples" / "fibre-500.json").read_text())
PLAN = "plan.fibre-service"
SLOW = 20_000  # ms: the worker pricing and planning the order on a busy machine (a wait, never a pass/fail on time)


def place_order(agent) -> dict:
    placed = agent.post(BASE, json={**FIBRE, "externalId": f"audit-{uuid.uuid4().hex[:10]}"})
    assert placed.status_code == 201, placed.text
    return placed.json()


def choose(page, combobox: str, option: str) -> None:
    page.get_by_role("combobox", name=combobox).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_the_auditor_checks_the_log_the_rules_an_order_ran_on_its_why_and_a_graph(page, ordo_server, login_api):
    admin = login_api("processAdmin")
    newer = publish_new_matrix_version(admin)
    pins = admin.get("/api/v1/studio/packs/active").json()["pins"]
    order = place_order(login_api("orderAgent"))

    # A1: the log filtered by the order agent's captures; each entry's hash; the chain verifies
    sign_in(page, ordo_server, "auditor", start="/audit/log")
    page.get_by_role("textbox", name="Actor").fill(ordo_server.users["orderAgent"])
    page.get_by_role("textbox", name="Action").fill("order.captured")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"actor=.*action=order\.captured|action=order\.captured.*actor="))
    log = page.get_by_role("table", name="Audit entries")
    expect(log.locator("tr[data-row]", has_text=order["id"])).to_have_count(1)  # its capture, nothing else of it
    expect(log.locator("[data-hash]").first).to_have_attribute("data-hash", re.compile(r"^[0-9a-f]{64}$"))
    page.get_by_role("button", name="Verify chain").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text(re.compile(r"Chain OK.*All \d+ entries intact"))
    assert_accessible(page)

    # A2: the rule browser's index, searched; the matrix version the order ran on: its publisher, tests, the
    # active pack pinning it, the order
    page.get_by_role("link", name="Rule versions").click()
    page.get_by_role("textbox", name="Search").fill(MATRIX)
    page.get_by_role("textbox", name="Search").press("Enter")
    artifacts = page.get_by_role("table", name="Artifacts")
    expect(artifacts.locator("tr[data-row]")).to_have_count(1)
    assert_accessible(page)
    artifacts.locator(f'tr[data-row="{MATRIX}"]').click()
    expect(page).to_have_url(re.compile(rf"/audit/rules/{re.escape(MATRIX)}$"))
    version = page.get_by_role("radio", name=f"Open version {pins[MATRIX]}")
    version.click()  # the choice goes into the address, and the list may redraw meanwhile: wait for it, not check()
    expect(version).to_be_checked()
    expect(page.get_by_test_id("published-by")).to_contain_text("Published by")
    expect(page.get_by_role("heading", name=re.compile(r"Tests: \d+ of \d+ pass"))).to_be_visible()
    packs = page.get_by_role("table", name="Packs pinning this version")
    expect(packs.get_by_text("active", exact=True)).to_be_visible()
    orders = page.get_by_role("table", name="Orders on packs pinning this version")
    expect(orders.get_by_role("link", name=order["externalId"], exact=True)).to_have_attribute("href", f"/workspace/orders/{order['id']}")
    assert_accessible(page)

    # ... diffed with the newer version (the studio's server diff)
    choose(page, "From version", f"v{pins[MATRIX]} (published)")
    choose(page, "To version", f"v{newer} (published)")
    compare = page.get_by_role("region", name=f"Compare version {min(pins[MATRIX], newer)} with version {max(pins[MATRIX], newer)}")
    expect(compare.get_by_role("table", name="Changes")).to_be_visible(timeout=SLOW)
    assert_accessible(page)

    # A3: activations over time; the newest one's changes against the one before
    page.goto("/audit/packs")
    activations = page.get_by_role("table", name="Activations")
    expect(activations.locator("tbody tr[data-row]").first).to_be_visible()
    activations.locator("tbody tr[data-row]").first.click()
    expect(page.get_by_role("region", name=re.compile(r"^Changes of "))).to_be_visible()
    assert_accessible(page)

    # A4: the order's why: the matrix row behind its monthly price, the plan row behind each task
    page.goto(f"/audit/orders/{order['id']}/why")
    prices = page.get_by_role("table", name="Price lines")
    expect(prices.locator(f'[data-provenance="{MATRIX}@{pins[MATRIX]}"]')).to_be_visible(timeout=SLOW)
    expect(prices.get_by_text("500M-24-north")).to_be_visible()
    tasks = page.get_by_role("table", name=re.compile(f"Tasks of service:.*{PLAN}"))
    expect(tasks.locator(f'[data-provenance="{PLAN}@{pins[PLAN]}"]').first).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("table", name="Decision trace").locator("tr[data-row]").first).to_be_visible()
    assert_accessible(page)
    prices.locator(f'[data-provenance="{MATRIX}@{pins[MATRIX]}"]').click()
    expect(page).to_have_url(re.compile(rf"/audit/rules/{re.escape(MATRIX)}\?v={pins[MATRIX]}$"))

    # A5: the plan's graph at its pinned version, drawn in the browser; downloadable as SVG
    page.goto(f"/audit/graphs/{PLAN}/{pins[PLAN]}")
    expect(page.get_by_test_id("graph").locator("svg")).to_be_visible(timeout=SLOW)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download SVG").click()
    assert download.value.suggested_filename == f"{PLAN}-v{pins[PLAN]}.svg"
    expect(page.get_by_role("button", name="Print")).to_be_enabled()
    assert_accessible(page)
    page.emulate_media(media="print")  # the print stylesheet: the drawing without the shell and the buttons
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Download SVG")).to_be_hidden()
    expect(page.get_by_test_id("graph").locator("svg")).to_be_visible()


def test_a_fulfilment_agent_opening_the_audit_log_sees_the_forbidden_page(page, ordo_server):
    sign_in(page, ordo_server, "fulfillmentAgent", start="/audit/log")
    expect(page.get_by_role("alert")).to_contain_text("audit.read")
    expect(page.get_by_role("link", name="Audit log")).to_have_count(0)
    assert_accessible(page)
