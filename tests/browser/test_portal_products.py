"""P4 my products in Chromium: the customer sees its product (state, contract end, monthly price); a disconnect
shows the early-termination charge before anything is confirmed (and cancelling places nothing); a suspend is
confirmed after its preview and the change order's tracking link is shown."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.capture_support import completed_fibre
from tests.browser.support import assert_accessible, signed_in_page

SLOW = 30_000  # ms: a preview or a capture on a busy machine (a wait, never a pass/fail on time)


def orders_of(api) -> int:
    return int(api.get("/api/v1/orders", params={"limit": 1}).headers["X-Total-Count"])


def test_a_customer_previews_a_disconnect_and_suspends_a_product(page, login_api):
    jane = login_api("customer")
    product_id = completed_fibre(jane)
    signed_in_page(page, jane, "/portal/products")
    expect(page.get_by_role("heading", name="My products")).to_be_visible()
    row = page.locator(f'tr[data-row="{product_id}"]')
    expect(row).to_contain_text("active")
    expect(row).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    expect(row).to_contain_text("EUR")
    assert_accessible(page)

    before = orders_of(jane)
    row.get_by_role("button", name=re.compile(r"^Disconnect ")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("termination-charge")).to_contain_text(re.compile(r"[1-9]\d*\.\d{2} EUR"), timeout=SLOW)
    expect(dialog.get_by_role("button", name="Confirm disconnect")).to_be_enabled(timeout=SLOW)
    assert_accessible(page)
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert orders_of(jane) == before

    row.get_by_role("button", name=re.compile(r"^Suspend ")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("price-preview")).to_be_visible(timeout=SLOW)
    confirm = dialog.get_by_role("button", name="Confirm suspend")
    expect(confirm).to_be_enabled(timeout=SLOW)
    confirm.click()
    link = dialog.get_by_role("link", name=re.compile(r"^track order "))
    expect(link).to_have_attribute("href", re.compile(r"^/portal/orders/[0-9a-f-]{36}$"), timeout=SLOW)
    assert orders_of(jane) == before + 1
    assert_accessible(page)
