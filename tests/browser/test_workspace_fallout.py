"""W7 fallout queue and record in Chromium: the demo pack's iot-apn-unknown order fails provisioning into a
provisioningFailure record of noc-business; the fallout agent finds it in its groups' queue, opens it, sees the
failing request and response, fixes the APN on the task and the line and resumes (the order completes); bulk
retry shows each record's outcome; a record moved to a group the agent is not in shows the server's 403."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_orders import example, open_fallout, order_state, place, wait_for

WRONG_APN, RIGHT_APN = "trackline-iot.example", "trackline.iot.example"
SLOW = 20_000


def failing_order(login_api) -> tuple[str, dict]:
    order_id = place(login_api("orderAgent"), example("iot-apn-unknown"))
    return order_id, open_fallout(login_api("falloutAgent"), order_id)


def test_the_fallout_agent_fixes_the_apn_and_resumes(page, ordo_server, login_api):
    order_id, record = failing_order(login_api)
    assert (record["type"], record["assignmentGroup"], record["priority"]) == ("provisioningFailure", "noc-business", 1)
    sign_in(page, ordo_server, "falloutAgent", f"/workspace/fallout?scope=groups&orderId={order_id}")
    expect(page.get_by_role("heading", name="Fallout", exact=True)).to_be_visible()
    row = page.locator(f'tr[data-row="{record["id"]}"]')
    expect(row).to_contain_text("provisioningFailure")
    expect(row).to_contain_text("noc-business")
    assert_accessible(page)
    row.get_by_role("link", name=record["id"][:8]).click()
    expect(page).to_have_url(re.compile(f"/workspace/fallout/{record['id']}$"))
    expect(page.get_by_test_id("request-json")).to_contain_text(f'"apn": "{WRONG_APN}"')
    expect(page.get_by_text(f"rejected: apn '{WRONG_APN}' is not known to the system").first).to_be_visible()
    expect(page.locator('tr[data-event="falloutOpened"]')).to_have_count(1)
    expect(page.get_by_role("link", name="Open the order")).to_have_attribute("href", f"/workspace/orders/{order_id}")
    assert_accessible(page)

    page.get_by_label("Add a work note").fill("APN mistyped at capture, checking with the PCRF team")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("work-note")).to_contain_text("APN mistyped at capture")

    page.get_by_role("button", name="Fix data and resume").click()
    dialog = page.get_by_role("dialog", name="Fix data and resume")
    dialog.get_by_label("Param apn").fill(RIGHT_APN)
    line_fields = dialog.get_by_label(re.compile(r"^Line .* apn$"))
    expect(line_fields.first).to_have_value(WRONG_APN)
    for index in range(line_fields.count()):
        line_fields.nth(index).fill(RIGHT_APN)
    dialog.get_by_label("Reason for the fix").fill("TrackLine's APN as configured on the PCRF")
    assert_accessible(page)
    dialog.get_by_role("button", name="Fix and resume").click()
    expect(page.get_by_test_id("resolution")).to_have_text("retried", timeout=SLOW)
    expect(page.locator('tr[data-event="resolved"]')).to_contain_text("falloutAgent")
    agent = login_api("falloutAgent")
    wait_for(lambda: order_state(agent, order_id) == "completed", f"order {order_id} to complete")


def test_bulk_retry_shows_each_records_outcome(page, ordo_server, login_api):
    records = [failing_order(login_api)[1] for _ in range(2)]
    sign_in(page, ordo_server, "falloutAgent", "/workspace/fallout?scope=groups&type=provisioningFailure")
    for record in records:
        page.locator(f'tr[data-row="{record["id"]}"]').get_by_role("checkbox").check()
    page.get_by_role("button", name="Retry selected (2)").click()
    results = page.get_by_role("table", name="Retry outcome per record")
    expect(results.locator("tbody tr")).to_have_count(2, timeout=SLOW)
    for record in records:  # the APN is still unknown: each is retried and fails again into a new record
        expect(results.locator('tr[data-outcome="retried"]', has_text=record["id"][:8])).to_be_visible()
    expect(page.get_by_role("heading", name="Bulk retry: 2 of 2 retried")).to_be_visible()
    assert_accessible(page)


def test_an_agent_outside_the_records_group_is_shown_the_403(page, ordo_server, login_api, console):
    _, record = failing_order(login_api)
    group = f"pcrf-{uuid.uuid4().hex[:8]}"
    assert login_api("processAdmin").post("/api/v1/groups", json={"key": group}).status_code == 201
    moved = login_api("falloutManager").post(f"/api/v1/fallout/{record['id']}/reassign",
                                             json={"group": group, "reason": "the PCRF team's own desk"})
    assert moved.status_code == 200, moved.text
    console.allow(r"status of 403")
    sign_in(page, ordo_server, "falloutAgent", f"/workspace/fallout/{record['id']}")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("403")
    expect(alert).to_contain_text(f"is not a member of assignment group '{group}'")
    assert_accessible(page)


def test_the_manager_reassigns_and_force_completes_with_reasons(page, ordo_server, login_api):
    _, record = failing_order(login_api)
    sign_in(page, ordo_server, "falloutManager", f"/workspace/fallout/{record['id']}")
    page.get_by_role("button", name="Reassign").click()
    dialog = page.get_by_role("dialog", name="Reassign")
    dialog.get_by_role("combobox", name="Assignee").fill("falloutAgent")
    dialog.get_by_role("textbox", name="Reason").fill("the APN specialist")
    assert_accessible(page)
    dialog.get_by_role("button", name="Reassign").click()
    expect(page.get_by_test_id("record-assignee")).to_have_text("falloutAgent", timeout=SLOW)
    page.get_by_role("button", name="Force complete").click()
    dialog = page.get_by_role("dialog", name="Force complete")
    expect(dialog.get_by_role("button", name="Force complete")).to_be_disabled()  # a reason first
    dialog.get_by_role("textbox", name="Reason").fill("APN applied on the PCRF by hand")
    dialog.get_by_role("button", name="Force complete").click()
    expect(page.get_by_test_id("resolution")).to_have_text("forceCompleted", timeout=SLOW)
    expect(page.get_by_role("button", name="Retry")).to_have_count(0)
    assert login_api("falloutManager").get(f"/api/v1/fallout/{record['id']}").json()["resolvedBy"] == "falloutManager"
