"""W11 order capture in Chromium: an order agent picks a customer, adds offerings from the catalog, sees a
requires problem listed before submitting and the price preview, configures characteristics and the address,
and places the order; a double click on "Place order" still creates exactly one order. A fulfilment agent
(no order.create) is refused the screen."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.capture_support import new_customer_party
from tests.browser.support import SCREENSHOTS, assert_accessible, sign_in

SLOW = 30_000  # ms: a quote or a capture on a busy machine (a wait, never a pass/fail on time)


def party_orders(api, party: str) -> int:
    return int(api.get("/api/v1/orders", params={"party": party, "limit": 1}).headers["X-Total-Count"])


def add(page, search: str, offering: str) -> None:
    page.get_by_role("textbox", name="Search the catalog").fill(search)
    page.get_by_role("button", name=f"Add {offering}").click()


def test_an_order_agent_captures_an_order_once(page, ordo_server, login_api):
    party, name = new_customer_party(ordo_server)
    manager = login_api("orderManager")
    sign_in(page, ordo_server, "orderAgent", "/workspace/capture")
    expect(page.get_by_role("heading", name="Order capture")).to_be_visible()
    customer = page.get_by_role("combobox", name="Customer")
    customer.fill(party[-8:])
    page.get_by_role("option", name=f"{name} ({party})").click()

    add(page, "voip", "VoIP line")
    problems = page.get_by_test_id("capture-problems")
    expect(problems).to_contain_text("'voip-line' requires", timeout=SLOW)
    expect(page.get_by_test_id("line-problems-0")).to_contain_text("requires")
    expect(page.get_by_role("button", name="Place order")).to_be_disabled()
    page.screenshot(path=str(SCREENSHOTS / "test_workspace_capture_requires_problem.png"), full_page=True)

    add(page, "fibre 500", "Fibre Broadband 500M")
    fibre = page.get_by_test_id("cart-line-1")
    expect(fibre).to_be_visible()
    fibre.get_by_role("textbox", name="Postcode").fill("10115")
    fibre.get_by_role("textbox", name="Street").fill("Invalidenstrasse 1")
    fibre.get_by_role("textbox", name="City").fill("Berlin")
    fibre.get_by_role("textbox", name="Country").fill("DE")
    expect(problems).to_have_count(0, timeout=SLOW)
    preview = page.get_by_test_id("price-preview")
    expect(preview).to_be_visible()
    expect(page.get_by_test_id("monthly-total")).to_have_text(re.compile(r"^[1-9]\d*\.\d{2} EUR$"), timeout=SLOW)
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "test_workspace_capture_priced.png"), full_page=True)

    before = party_orders(manager, party)
    place = page.get_by_role("button", name="Place order")
    expect(place).to_be_enabled(timeout=SLOW)
    place.dblclick()
    expect(page).to_have_url(re.compile(r"/workspace/orders/[0-9a-f-]{36}$"), timeout=SLOW)
    order_id = page.url.rsplit("/", 1)[1]
    assert party_orders(manager, party) == before + 1
    order = manager.get(f"/api/v1/orders/{order_id}").json()
    assert order["partyId"] == party and order["itemCount"] == 2


def test_a_fulfillment_agent_may_not_capture(page, ordo_server):
    sign_in(page, ordo_server, "fulfillmentAgent", "/workspace/capture")
    expect(page.get_by_text("order.create")).to_be_visible()
    expect(page.get_by_role("button", name="Place order")).to_have_count(0)
    assert_accessible(page)
