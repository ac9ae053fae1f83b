"""The seed's workflow end to end in Chromium, each step by the person whose job it is, on their own screen:
a customer orders a fibre line and an IoT fleet in the portal; the order agent finds the order; the fulfilment
manager approves it (above 10,000 SIMs); a fulfilment agent completes the technician's visit from the queue with
the visit report; the timeline shows bars, arrows and the critical path; the PCRF refuses the mistyped APN and the
fallout agent fixes it and resumes; the order completes; the customer sees the products and suspends the line;
an auditor opens the pack version the order ran on and verifies the chain."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.capture_support import ADDRESS, new_customer_party, wait_for_state
from tests.browser.support import PASSWORD, SCREENSHOTS, assert_accessible, sign_in
from tests.browser.workspace_orders import open_fallout, wait_for

SLOW = 30_000  # ms: a quote, a capture or the worker on a busy machine (a wait, never a pass/fail on time)
WRONG_APN, RIGHT_APN = "trackline-iot.example", "trackline.iot.example"
SIMS = 11000  # above 10,000 SIMs the approval policy asks the fulfilment manager


def sign_out(page) -> None:
    """Sign out through the user menu, as a person hands the screen to the next one (clearing the cookies is not
    enough: a request of the old page still in flight may set the session cookie again)."""
    if page.get_by_test_id("user-menu").count():
        page.get_by_test_id("user-menu").click()
        page.get_by_role("menuitem", name="Sign out", exact=True).click()
        expect(page.get_by_role("heading", name="Sign in to Ordo")).to_be_visible()


def sign_in_as(page, username: str, start: str) -> None:
    sign_out(page)
    page.goto(start)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_test_id("user-menu").wait_for()


def sign_in_staff(page, server, role: str, start: str) -> None:
    sign_out(page)
    sign_in(page, server, role, start)


def snapshot(page, name: str) -> None:
    """A named screenshot of the screen as it is (the README shows some of them)."""
    page.screenshot(path=str(SCREENSHOTS / f"seed-{name}.png"), full_page=True)


def choose(page, line, label: str, option: str) -> None:
    line.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def customer_orders_in_the_portal(page, username: str) -> str:
    sign_in_as(page, username, "/portal/catalog")
    page.get_by_role("textbox", name="Search the catalog").fill("fibre")
    page.get_by_role("button", name="Add Fibre Broadband 100M").click()
    fibre = page.get_by_test_id("cart-line-0")
    for label, key in (("Street", "streetName"), ("Postcode", "postcode"), ("City", "city"), ("Country", "country")):
        fibre.get_by_role("textbox", name=label).fill(ADDRESS[key])
    page.get_by_role("textbox", name="Search the catalog").fill("IoT")
    page.get_by_role("button", name="Add IoT SIM fleet").click()
    fleet = page.get_by_test_id("cart-line-1")
    fleet.get_by_role("textbox", name="Quantity").fill(str(SIMS))
    choose(page, fleet, "dataPlan", "iot-100MB")
    choose(page, fleet, "simType", "eSIM")
    fleet.get_by_label("apn", exact=True).fill(WRONG_APN)
    expect(page.get_by_test_id("monthly-total")).to_have_text(re.compile(r"^[1-9][\d,]*\.\d{2} EUR$"), timeout=SLOW)
    expect(page.get_by_test_id("capture-problems")).to_have_count(0, timeout=SLOW)
    place = page.get_by_role("button", name="Place order")
    expect(place).to_be_enabled(timeout=SLOW)
    snapshot(page, "portal-order")
    place.click()
    expect(page).to_have_url(re.compile(r"/portal/orders/[0-9a-f-]{36}$"), timeout=SLOW)
    return page.url.rsplit("/", 1)[1]


def test_every_role_does_its_part_of_one_order_in_the_browser(page, ordo_server, login_api, console):
    # six people hand over one screen while the order moves: a refresh of the last page already on its way when
    # its person signs out meets the session the server has just ended (401), as it should
    console.allow(r"status of 401 \(UNAUTHORIZED\) \(http://[^)]*/api/v1/orders/[^)]*\)")
    party, _ = new_customer_party(ordo_server)
    customer = f"capture-{party.removeprefix('cust-cap-')}"
    staff = login_api("fulfillmentManager")

    order_id = customer_orders_in_the_portal(page, customer)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    # the order agent finds the order in the workspace
    sign_in_staff(page, ordo_server, "orderAgent", f"/workspace/orders?partyId={party}")
    orders = page.get_by_role("table", name="Orders")
    orders.locator(f'tbody tr[data-row="{order_id}"]').get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(f"/workspace/orders/{order_id}"))

    # the fulfilment manager approves it (the policy's sims-over-10k row asked)
    approval = wait_for(lambda: next(iter(staff.get("/api/v1/approvals", params={"orderId": order_id}).json()), None),
                        "the approval of the order")
    sign_in_staff(page, ordo_server, "fulfillmentManager", "/workspace/approvals")
    row = page.locator(f'[data-row="{approval["id"]}"]')
    expect(row.get_by_test_id("asking-rule")).to_contain_text("sims-over-10k")
    row.get_by_role("checkbox").check()
    page.get_by_label("Comment (kept with each decision)").fill("SIM stock and HLR capacity checked")
    page.get_by_role("button", name="Approve selected (1)").click()
    expect(page.get_by_test_id("decision-outcome")).to_contain_text("decided", timeout=SLOW)

    # a fulfilment agent completes the technician's visit from the queue, with the visit report
    visit = wait_for(lambda: next((t for t in staff.get("/api/v1/tasks", params={"orderId": order_id}).json()
                                   if t["type"] == "workOrder" and t["state"] == "waiting"), None),
                     "the technician's visit")
    sign_in_staff(page, ordo_server, "fulfillmentAgent", "/workspace/tasks")
    page.locator(f'[data-row="{visit["id"]}"]').get_by_role("link", name=visit["name"]).click()
    page.get_by_role("button", name="Claim").click()
    form = page.get_by_label("Complete the task")
    form.get_by_label("Technician").fill("T-7")
    form.get_by_label("ONT serial").fill("ONT-4711")
    form.get_by_role("button", name="Complete task").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("completed", timeout=SLOW)

    # the timeline: bars, dependency arrows and the server's critical path
    page.goto(f"/workspace/orders/{order_id}/timeline")
    gantt = page.get_by_test_id("order-gantt")
    expect(gantt.locator(".wx-bar").first).to_be_visible(timeout=SLOW)
    expect(gantt.locator(".wx-links .wx-line").first).to_be_attached()
    expect(gantt.locator(".ordo-critical").first).to_be_attached()
    snapshot(page, "timeline")

    # the PCRF refused the mistyped APN: the fallout agent fixes the data and resumes
    record = open_fallout(login_api("falloutAgent"), order_id)
    sign_in_staff(page, ordo_server, "falloutAgent", f"/workspace/fallout/{record['id']}")
    expect(page.get_by_test_id("request-json")).to_contain_text(WRONG_APN)
    snapshot(page, "fallout-record")
    page.get_by_role("button", name="Fix data and resume").click()
    dialog = page.get_by_role("dialog", name="Fix data and resume")
    dialog.get_by_label("Param apn").fill(RIGHT_APN)
    for field in dialog.get_by_label(re.compile(r"^Line .* apn$")).all():
        field.fill(RIGHT_APN)
    dialog.get_by_label("Reason for the fix").fill("the APN as configured on the PCRF")
    dialog.get_by_role("button", name="Fix and resume").click()
    expect(page.get_by_test_id("resolution")).to_have_text("retried", timeout=SLOW)

    # the order completes; the customer sees its products and suspends the fibre line
    wait_for_state(staff, order_id, ("completed",))
    sign_in_as(page, customer, f"/portal/orders/{order_id}")
    expect(page.get_by_text(re.compile("completed", re.I)).first).to_be_visible(timeout=SLOW)
    snapshot(page, "portal-tracking")
    page.goto("/portal/products")
    fibre = page.locator("tr[data-row]", has_text="Fibre Broadband 100M")
    expect(fibre).to_contain_text("active")
    expect(page.locator("tr[data-row]", has_text="IoT SIM fleet")).to_contain_text("active")
    fibre.get_by_role("button", name=re.compile(r"^Suspend ")).click()
    suspend = page.get_by_role("dialog")
    confirm = suspend.get_by_role("button", name="Confirm suspend")
    expect(confirm).to_be_enabled(timeout=SLOW)
    confirm.click()
    expect(suspend.get_by_role("link", name=re.compile(r"^track order "))).to_be_visible(timeout=SLOW)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    # the auditor opens the pack version the order ran on and verifies the chain
    sign_in_staff(page, ordo_server, "auditor", f"/audit/orders/{order_id}/why")
    expect(page.get_by_test_id("order-pack")).not_to_be_empty(timeout=SLOW)
    page.get_by_test_id("order-pack").click()
    expect(page).to_have_url(re.compile("/audit/packs"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/audit/log")
    page.get_by_role("button", name="Verify chain").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text(re.compile(r"Chain OK.*All \d+ entries intact"))
    assert_accessible(page)
