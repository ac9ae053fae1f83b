"""W10 approvals inbox in Chromium: an order approver sees two large SD-WAN orders with their totals and the
policy row that asked, selects both and approves them with one comment; each row's outcome is shown."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_support import place_example, wait_for

SLOW = 20_000


def pending(api, order_id):
    return [a for a in api.get("/api/v1/approvals", params={"orderId": order_id}).json() if a["state"] == "pending"]


def test_an_order_approver_approves_two_orders_in_bulk_with_a_comment(page, login_api, ordo_server):
    clerk, approver = login_api("orderAgent"), login_api("orderApprover")
    orders = [place_example(clerk, "sdwan-500-sites") for _ in range(2)]
    entries = [wait_for(lambda o=o: pending(approver, o), f"the approval of {o}")[0] for o in orders]

    sign_in(page, ordo_server, "orderApprover", "/workspace/approvals?sort=-createdAt")
    for entry in entries:
        row = page.locator(f'[data-row="{entry["id"]}"]')
        expect(row).to_contain_text(entry["orderExternalId"])
        expect(row.get_by_test_id("asking-rule")).to_contain_text("row sdwan-over-100")
        expect(row).to_contain_text("Recurring / month")
    assert_accessible(page)
    for entry in entries:
        page.get_by_label(f"Select the approval of order {entry['orderExternalId']}").check()
    page.get_by_label("Comment (kept with each decision)").fill("Capacity plan checked with the NOC")
    page.get_by_role("button", name="Approve selected (2)").click()

    outcomes = page.get_by_test_id("decision-outcome")
    expect(outcomes).to_have_count(2, timeout=SLOW)
    for entry in entries:
        expect(outcomes.filter(has_text=entry["orderExternalId"])).to_contain_text("decided")
    assert_accessible(page)
    for order_id in orders:
        [decided] = approver.get("/api/v1/approvals", params={"orderId": order_id, "state": "approved"}).json()
        assert decided["comment"] == "Capacity plan checked with the NOC" and decided["decidedBy"] == "orderApprover"
