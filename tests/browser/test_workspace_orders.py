"""The workspace's orders (W2 list, W3 detail, W4 orchestration) in Chromium, as an order agent: a saved filter
and a column choice on the list; every tab of an order renders; the orchestration highlights a task's
dependencies; a customer gets the forbidden page."""
from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, signed_in_page

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "rulepacks" / "telco-demo" / "examples"
TMF_ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
WAIT_SECONDS = 60


def place(api, example: str) -> tuple[str, str]:
    """Capture the demo example with a unique externalId: the order id and that externalId."""
    body = json.loads((EXAMPLES / f"{example}.json").read_text())
    body["externalId"] = f"{example}-{uuid.uuid4().hex[:8]}"
    created = api.post(TMF_ORDERS, json=body)
    assert created.status_code == 201, created.text
    return created.json()["id"], body["externalId"]


def wait_for(api, order_id: str, what: str, check) -> dict:
    """Poll the native order until ``check(order)`` holds (the worker moves it along); fails after a minute."""
    deadline = time.monotonic() + WAIT_SECONDS
    order: dict = {}
    while time.monotonic() < deadline:
        order = api.get(f"/api/v1/orders/{order_id}").json()
        if check(order):
            return order
        time.sleep(0.3)
    raise AssertionError(f"order {order_id} never got {what}: state {order.get('state')}, tasks "
                         f"{[(t['key'], t['state']) for t in order.get('tasks', [])]}")


def waiting_for_a_person(order: dict) -> bool:
    return order["state"] == "inProgress" and any(t["state"] == "waiting" and t["type"] in ("manual", "workOrder")
                                                 for t in order["tasks"])


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_an_order_agent_filters_saves_the_filter_and_chooses_columns(page, login_api):
    api = login_api("orderAgent")
    order_id, external = place(api, "fibre-500")
    signed_in_page(page, api, f"/workspace/orders?externalId={external}")
    orders = page.get_by_role("table", name="Orders")
    expect(orders.locator(f'tbody tr[data-row="{order_id}"]')).to_be_visible()
    expect(orders.locator("tbody tr[data-row]")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("button", name="Save filter").click()
    page.get_by_role("textbox", name="Name of this filter").fill("my fibre order")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto("/workspace/orders")
    expect(page.get_by_role("heading", name="Orders")).to_be_visible()
    choose(page, "Saved filters", "my fibre order")
    expect(page).to_have_url(re.compile(rf"externalId={external}"))
    expect(orders.locator("tbody tr[data-row]")).to_have_count(1)
    stored = page.evaluate("key => localStorage.getItem(key)", f"ordo.orders.savedFilters.{api.username}")
    assert "my fibre order" in stored

    expect(orders.get_by_role("columnheader", name="Priority")).to_be_visible()
    page.get_by_role("button", name="Columns").click()
    page.get_by_role("checkbox", name="Priority").uncheck()
    page.get_by_role("checkbox", name="External id").check()
    page.keyboard.press("Escape")
    expect(orders.get_by_role("columnheader", name="Priority")).to_have_count(0)
    expect(orders.get_by_role("cell", name=external)).to_be_visible()
    page.reload()
    expect(orders.get_by_role("columnheader", name="External id")).to_be_visible()
    expect(orders.get_by_role("columnheader", name="Priority")).to_have_count(0)

    orders.locator(f'tbody tr[data-row="{order_id}"]').click()
    expect(page).to_have_url(re.compile(rf"/workspace/orders/{order_id}$"))
    expect(page.get_by_role("heading", name=f"Order {order_id}")).to_be_visible()
    expect(page.get_by_role("region", name="Order summary").get_by_text("completed").first).to_be_visible(timeout=20_000)
    for action in ("Revise", "Cancel order", "Withdraw"):  # a completed order has nothing left to change
        expect(page.get_by_role("button", name=action, exact=True)).to_have_count(0)
    assert_accessible(page)


TABS = {
    "Items": lambda page: expect(page.get_by_role("table", name="Order items")).to_be_visible(),
    "Prices": lambda page: expect(page.get_by_role("region", name="Totals")).to_be_visible(),
    "Domain orders": lambda page: expect(page.get_by_role("table", name=re.compile("^Lines of")).first).to_be_visible(),
    "Tasks": lambda page: expect(page.get_by_role("table", name="Tasks")).to_be_visible(),
    "Orchestration": lambda page: expect(page.locator("[data-task]").first).to_be_visible(),
    "Timeline": lambda page: expect(page.get_by_role("tabpanel")).not_to_be_empty(),
    "Fallouts": lambda page: expect(page.get_by_role("tabpanel")).to_contain_text("needs the permission fallout.read"),
    "Jeopardy": lambda page: expect(page.get_by_role("table", name="Jeopardy")).to_be_visible(),
    "Activity and notes": lambda page: expect(page.get_by_role("table", name="Activity").get_by_text(
        "order.captured")).to_be_visible(),
    "Trace": lambda page: expect(page.get_by_role("table", name=re.compile("^Decisions of")).first).to_be_visible(),
    "Revisions": lambda page: expect(page.get_by_role("region", name="Revision 1")).to_be_visible(),
}


def test_every_tab_of_an_order_renders_and_the_orchestration_highlights_dependencies(page, login_api):
    api = login_api("orderAgent")
    order_id, _ = place(api, "sdwan-12-sites")
    order = wait_for(api, order_id, "a person's task", waiting_for_a_person)
    signed_in_page(page, api, f"/workspace/orders/{order_id}")
    header = page.get_by_role("region", name="Order summary")
    expect(header.get_by_text("in progress")).to_be_visible()
    expect(header.get_by_text("telco-demo v", exact=False)).to_be_visible()
    for name, check in TABS.items():
        page.get_by_role("tab", name=re.compile(rf"^{name}")).click()
        check(page)
        assert_accessible(page)
    expect(page).to_have_url(re.compile(r"\?tab=revisions$"))

    page.goto(f"/workspace/orders/{order_id}?tab=orchestration")
    followed = next(t for t in order["tasks"] if t["dependsOn"])
    tile = page.locator(f'[data-task-id="{followed["id"]}"]')
    tile.click()
    expect(tile).to_have_attribute("data-highlight", "selected")
    before = [t for t in order["tasks"] if t["domainOrderId"] == followed["domainOrderId"]
              and t["key"] in followed["dependsOn"]]
    assert before
    for task in before:
        expect(page.locator(f'[data-task-id="{task["id"]}"]')).to_have_attribute("data-highlight", "before")
    expect(page.get_by_role("region", name=f"Task {followed['name']}")).to_be_visible()
    assert_accessible(page)


def test_a_customer_opening_an_order_in_the_workspace_gets_the_forbidden_page(page, login_api):
    agent = login_api("orderAgent")
    order_id, _ = place(agent, "fibre-500")
    customer = login_api("customer")
    signed_in_page(page, customer, f"/workspace/orders/{order_id}")
    expect(page.get_by_role("alert").get_by_text("You may not open this page")).to_be_visible()
    expect(page.get_by_text("domainOrder.read")).to_be_visible()
    assert_accessible(page)


def open_order(page, api, order_id: str) -> None:
    signed_in_page(page, api, f"/workspace/orders/{order_id}")
    expect(page.get_by_role("heading", name=f"Order {order_id}")).to_be_visible()


def test_an_order_agent_revises_an_order_in_flight_after_the_impact_preview(page, login_api):
    api = login_api("orderAgent")
    order_id, _ = place(api, "sdwan-revised-in-flight")
    wait_for(api, order_id, "a person's task", waiting_for_a_person)
    open_order(page, api, order_id)
    page.get_by_role("button", name="Revise").click()
    dialog = page.get_by_role("dialog", name="Revise the order")
    expect(dialog.get_by_role("button", name="Confirm revision")).to_be_disabled()
    dialog.get_by_role("textbox", name="Quantity of item 1").fill("6")
    dialog.get_by_role("button", name="Preview impact").click()
    impact = dialog.get_by_role("region", name="Revision impact")
    expect(impact.get_by_role("region", name="Price delta")).to_be_visible()
    expect(impact.get_by_role("region", name="Undo")).to_contain_text("Undo (")
    assert_accessible(page)
    dialog.get_by_role("button", name="Confirm revision").click()
    expect(dialog).to_be_hidden()
    expect(page.locator('[data-field="revision"]')).to_have_text("2")
    page.get_by_role("tab", name="Revisions").click()
    expect(page.get_by_role("region", name="Revision 2")).to_be_visible()
    assert api.get(f"/api/v1/orders/{order_id}").json()["revision"] == 2


def test_a_cancellation_past_the_point_of_no_return_is_refused_on_screen(page, login_api):
    api = login_api("orderAgent")
    order_id, _ = place(api, "fibre-cancel-after-install")
    order = wait_for(api, order_id, "a person's task", waiting_for_a_person)
    work = next(t for t in order["tasks"] if t["state"] == "waiting" and t["pointOfNoReturn"])
    worker = login_api(work.get("role") or "fulfillmentAgent")
    claimed = worker.post(f"/api/v1/tasks/{work['id']}/claim")
    assert claimed.status_code == 200, claimed.text
    open_order(page, api, order_id)
    expect(page.get_by_role("region", name="Order summary")).to_contain_text("passed")
    page.get_by_role("button", name="Cancel order").click()
    dialog = page.get_by_role("dialog", name="Cancel the order")
    dialog.get_by_role("textbox", name="Reason for the cancellation").fill("found a cheaper offer")
    dialog.get_by_role("button", name="Cancel the order").click()
    refusal = dialog.get_by_role("alert")
    expect(refusal).to_contain_text("The cancellation was refused")
    expect(refusal).to_contain_text("passed the point of no return")
    assert_accessible(page)
    assert api.get(f"/api/v1/orders/{order_id}").json()["state"] == "inProgress"


def test_an_order_agent_supplies_the_information_a_pending_order_waits_for(page, login_api):
    api = login_api("orderAgent")
    order_id, _ = place(api, "fibre-voip-port-in-number-missing")
    wait_for(api, order_id, "missing information", lambda o: o.get("missingInformation") or any(
        d.get("missing") for d in o["domainOrders"]))
    open_order(page, api, order_id)
    page.get_by_role("button", name="Supply information").click()
    dialog = page.get_by_role("dialog", name="Supply missing information")
    dialog.get_by_role("textbox", name=re.compile(r"^portInNumber \(item 2\)")).fill("+493012345678")
    assert_accessible(page)
    dialog.get_by_role("button", name="Supply information").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Supply information")).to_be_hidden()
    supplied = api.get(f"/api/v1/orders/{order_id}").json()
    assert not supplied.get("missingInformation") and not any(d.get("missing") for d in supplied["domainOrders"])


def test_a_fallout_agent_retries_a_failed_task_from_the_orchestration_view(page, login_api):
    agent = login_api("orderAgent")
    order_id, _ = place(agent, "iot-apn-unknown")
    fallout = login_api("falloutAgent")
    wait_for(fallout, order_id, "open fallout", lambda o: o["falloutCount"] > 0)
    progress = fallout.get(f"/api/v1/orders/{order_id}/orchestration").json()
    failed = next(t for t in progress["tasks"] if t["openFallout"])
    open_order(page, fallout, order_id)
    page.get_by_role("tab", name="Orchestration").click()
    page.locator(f'[data-task-id="{failed["taskId"]}"]').click()
    expect(page.get_by_role("link", name="Open fallout")).to_have_attribute(
        "href", f"/workspace/fallout/{failed['openFallout']}")
    assert_accessible(page)
    page.get_by_role("button", name="Retry").click()
    expect(page.get_by_text("runs again")).to_be_visible()
    page.get_by_role("tab", name=re.compile("^Fallouts")).click()
    page.get_by_role("tabpanel").get_by_text("Resolved", exact=True).click()
    expect(page.get_by_role("link", name=failed["openFallout"])).to_be_visible()
    assert_accessible(page)
