"""P1 catalog and order in Chromium: the customer browses the catalog, configures a fibre line (a characteristic
chosen in the form, the installation address), sees the price and places the order for its own party; the
order's tracking page follows. Staff without portal.use are refused the screen."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import CUSTOMER_PARTY, assert_accessible, sign_in

SLOW = 30_000  # ms: a quote or a capture on a busy machine (a wait, never a pass/fail on time)


def test_a_customer_orders_from_the_catalog(page, ordo_server, login_api):
    sign_in(page, ordo_server, "customer", "/portal/catalog")
    expect(page.get_by_role("heading", name="Catalog and order", level=1)).to_be_visible()
    expect(page.get_by_role("combobox", name="Customer")).to_have_count(0)
    page.get_by_role("textbox", name="Search the catalog").fill("fibre")
    page.get_by_role("button", name="Add Fibre Broadband 100M").click()
    line = page.get_by_test_id("cart-line-0")
    expect(line).to_be_visible()
    line.get_by_role("textbox", name="Postcode").fill("10115")
    line.get_by_role("textbox", name="Street").fill("Invalidenstrasse 1")
    line.get_by_role("textbox", name="City").fill("Berlin")
    line.get_by_role("textbox", name="Country").fill("DE")
    expect(page.get_by_test_id("monthly-total")).to_have_text(re.compile(r"^[1-9]\d*\.\d{2} EUR$"), timeout=SLOW)
    expect(page.get_by_test_id("capture-problems")).to_have_count(0)
    assert_accessible(page)

    place = page.get_by_role("button", name="Place order")
    expect(place).to_be_enabled(timeout=SLOW)
    place.click()
    expect(page).to_have_url(re.compile(r"/portal/orders/[0-9a-f-]{36}$"), timeout=SLOW)
    order_id = page.url.rsplit("/", 1)[1]
    order = login_api("customer").get(f"/api/v1/orders/{order_id}").json()
    assert order["partyId"] == CUSTOMER_PARTY[0]


def test_staff_may_not_use_the_portal_catalog(page, ordo_server):
    sign_in(page, ordo_server, "orderAgent", "/portal/catalog")
    expect(page.get_by_text("portal.use")).to_be_visible()
    assert_accessible(page)
