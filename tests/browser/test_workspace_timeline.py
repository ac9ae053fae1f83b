"""W5 order timeline in Chromium: an SD-WAN order's Gantt (domain orders as summary rows, task bars, dependency
links, the server's critical path marked, day/week/month scale, toggles), and a cancelled order's timeline with
the compensation (undo) tasks that undid its work."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import SCREENSHOTS, assert_accessible, sign_in
from tests.browser.workspace_support import CANCEL, ORDERS, open_task, place_example, wait_for

SLOW = 20_000


def test_an_orders_gantt_shows_bars_links_the_critical_path_and_switches_scale(page, login_api, ordo_server):
    clerk = login_api("orderAgent")
    order_id = place_example(clerk, "sdwan-12-sites")
    wait_for(lambda: open_task(clerk, order_id, "schedule"), "the SD-WAN plan")

    sign_in(page, ordo_server, "orderAgent", f"/workspace/orders/{order_id}/timeline")
    gantt = page.get_by_test_id("order-gantt")
    expect(gantt).to_be_visible(timeout=SLOW)
    expect(gantt.locator(".wx-bar").first).to_be_visible()
    assert gantt.locator(".wx-bar").count() > 3
    expect(gantt.locator(".wx-links .wx-line").first).to_be_attached()
    expect(gantt.locator(".ordo-critical").first).to_be_attached()
    expect(page.get_by_test_id("predicted-completion")).not_to_be_empty()
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace_timeline_week.png"), full_page=True)

    page.get_by_text("Day", exact=True).click()
    expect(gantt).to_have_attribute("data-scale", "day")
    page.get_by_text("Month", exact=True).click()
    expect(gantt).to_have_attribute("data-scale", "month")
    page.get_by_label("Dependencies").uncheck()
    expect(gantt.locator(".wx-links .wx-line")).to_have_count(0)
    page.get_by_label("Critical path").uncheck()
    expect(gantt.locator(".ordo-critical")).to_have_count(0)


def test_a_cancelled_orders_timeline_shows_its_undo_tasks(page, login_api, ordo_server):
    clerk = login_api("orderAgent")
    order_id = place_example(clerk, "fibre-cancel-before-install")
    wait_for(lambda: open_task(clerk, order_id, "install-south"), "the field-south work order")
    cancelled = clerk.post(CANCEL, json={"productOrder": {"id": order_id, "@referredType": "ProductOrder"},
                                         "cancellationReason": "moving abroad"})
    assert cancelled.status_code == 201, cancelled.text
    wait_for(lambda: clerk.get(f"{ORDERS}/{order_id}").json()["state"] == "cancelled", "the cancellation")

    sign_in(page, ordo_server, "orderAgent", f"/workspace/orders/{order_id}/timeline")
    gantt = page.get_by_test_id("order-gantt")
    expect(gantt).to_be_visible(timeout=SLOW)
    expect(gantt.get_by_text("(undo)").first).to_be_visible()
    assert_accessible(page)
