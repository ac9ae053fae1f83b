"""W9 jeopardy board in Chromium: an order whose predicted completion passes its requested date is on the board
(level high, predicted vs requested), the level and minimum-age filters keep or drop it, links open the order and
its timeline; its alert is acknowledged by a manager, and a role without task.assign sees no Acknowledge."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from api.roles import allowed
from engine.runtime.jeopardy import scan
from engine.runtime.service import Runtime
from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_orders import example, place, wait_for

SLOW = 20_000


def late_order(ordo_server, login_api) -> str:
    """A fibre + VoIP order (it waits for field work and a one-day port) requested within the hour, its jeopardy
    alerts raised now (what the worker's minute scan does) rather than waited for."""
    requested = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    order_id = place(login_api("orderAgent"), example("fibre-voip-port-in", requestedCompletionDate=requested))
    manager = login_api("fulfillmentManager")
    wait_for(lambda: any(r["orderId"] == order_id for r in manager.get("/api/v1/jeopardy?limit=1000").json()),
             f"order {order_id} on the jeopardy board")
    ordo = Runtime.connect(ordo_server.database_url)
    try:
        with ordo.unit_of_work(actor="browser-tests") as uow:
            scan.apply(uow, order_id)
    finally:
        ordo.engine.dispose()
    wait_for(lambda: manager.get(f"/api/v1/jeopardy/alerts?orderId={order_id}").json(), f"an alert of {order_id}")
    return order_id


def test_the_board_filters_and_a_manager_acknowledges_the_alert(page, ordo_server, login_api):
    order_id = late_order(ordo_server, login_api)
    assert allowed("fulfillmentManager", "task.assign")
    sign_in(page, ordo_server, "fulfillmentManager", "/workspace/jeopardy?level=high")
    board = page.get_by_role("table", name="Jeopardy board")
    row = board.locator(f'tr[data-row="{order_id}"]')
    expect(row).to_be_visible(timeout=SLOW)
    expect(row.locator('[data-state="high"], [data-state="critical"]')).to_be_visible()
    expect(row.get_by_role("link", name=order_id[:8], exact=True)).to_have_attribute("href", f"/workspace/orders/{order_id}")
    expect(row.get_by_role("link", name=f"Timeline of order {order_id[:8]}")).to_have_attribute(
        "href", f"/workspace/orders/{order_id}/timeline")
    assert_accessible(page)
    page.get_by_role("combobox", name="Older than").click()
    page.get_by_role("option", name="7 days").click()
    expect(page).to_have_url(re.compile(r"minAge=P7D"))
    expect(row).to_have_count(0)
    page.goto("/workspace/jeopardy?level=critical")
    expect(board.locator(f'tr[data-row="{order_id}"]')).to_have_count(0)  # high until its requested date passes
    page.goto("/workspace/jeopardy")
    alerts = page.get_by_role("table", name="Jeopardy alerts")
    mine = alerts.locator("tbody tr", has=page.get_by_role("link", name=order_id[:8], exact=True))
    expect(mine.first).to_be_visible(timeout=SLOW)
    count = mine.count()
    mine.first.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(mine).to_have_count(count - 1, timeout=SLOW)  # only unacknowledged alerts are listed
    page.get_by_role("switch", name="Unacknowledged only").uncheck()
    expect(mine.filter(has_text="fulfillmentManager").first).to_be_visible(timeout=SLOW)
    assert_accessible(page)


def test_a_role_without_task_assign_sees_alerts_without_acknowledge(page, ordo_server, login_api):
    order_id = late_order(ordo_server, login_api)
    assert not allowed("orderApprover", "task.assign") and allowed("orderApprover", "task.read")
    sign_in(page, ordo_server, "orderApprover", "/workspace/jeopardy")
    alerts = page.get_by_role("table", name="Jeopardy alerts")
    mine = alerts.locator("tbody tr", has=page.get_by_role("link", name=order_id[:8], exact=True))
    expect(mine.first).to_be_visible(timeout=SLOW)
    expect(alerts.get_by_role("button")).to_have_count(0)
    assert_accessible(page)
