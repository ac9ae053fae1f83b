"""P2 my orders, P3 tracking and the order desk's issue queue in Chromium: a customer lists, searches, filters and
exports its own orders (the CSV holds its own party's only), follows an order (milestones, dates), raises an issue
that an order agent answers in the workspace queue, and sees the answer; another party's order by URL shows a
not-found page that tells nothing of it."""
from __future__ import annotations

import csv
import json
import re
import time
import uuid

from playwright.sync_api import expect

from tests.browser.support import CUSTOMER_PARTY, assert_accessible, sign_in, signed_in_page
from tests.conftest import DEMO_PACK

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
OTHER = ("otherCustomer", "cust-0777", "Other Company")  # a second customer of another party
SLOW = 30_000  # ms: the worker runs the order through its stages on a busy machine (a wait, never a pass/fail)


def example(name: str, external_id: str, party: tuple[str, str] = CUSTOMER_PARTY, **changes) -> dict:
    body = json.loads((DEMO_PACK / "examples" / f"{name}.json").read_text())
    body.update(externalId=external_id, **changes)
    body["relatedParty"] = [{"id": party[0], "name": party[1], "role": "customer", "@referredType": "Individual"}]
    return body


def place(api, name: str, external_id: str, **changes) -> str:
    placed = api.post(ORDERS, json=example(name, external_id, **changes))
    assert placed.status_code == 201, placed.text
    return placed.json()["id"]


def switch_user(page) -> None:
    """Sign the page out for another user: leave the app first, so no answer still in flight sets a cookie again."""
    page.goto("about:blank")
    page.context.clear_cookies()


def other_customer(server) -> tuple[str, str]:
    """A customer user of another party (created once per session); its party (id, name)."""
    username, party, name = OTHER
    if username not in server.users:
        from api.auth.users import create_user
        from engine.runtime.service import Runtime

        ordo = Runtime.connect(server.database_url)
        try:
            with ordo.unit_of_work(actor="browser-tests") as uow:
                create_user(uow, username, "customer", party, server.password, party_name=name)
        finally:
            ordo.engine.dispose()
        server.users[username] = username
    return party, name


def test_a_customer_lists_filters_and_exports_only_its_own_orders(page, ordo_server, login_api, tmp_path):
    tag = uuid.uuid4().hex[:8]
    customer, agent = login_api("customer"), login_api("orderAgent")
    mine = {place(customer, "fibre-500", f"p2-{tag}-fibre"), place(customer, "fibre-voip-port-in", f"p2-{tag}-voip")}
    party = other_customer(ordo_server)
    placed = agent.post(ORDERS, json=example("fibre-500", f"p2-{tag}-other", party))
    assert placed.status_code == 201, placed.text
    theirs = placed.json()["id"]

    signed_in_page(page, customer, f"/portal/orders?q=p2-{tag}")
    rows = page.get_by_role("table", name="My orders").locator("tbody tr[data-row]")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("table", name="My orders")).not_to_contain_text(f"p2-{tag}-other")
    assert_accessible(page)

    page.get_by_role("textbox", name="Search").fill(f"p2-{tag}-voip")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("voip-line")
    page.get_by_role("textbox", name="Search").fill(f"p2-{tag}")
    expect(rows).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    saved = tmp_path / "orders.csv"
    download.value.save_as(saved)
    exported = list(csv.DictReader(saved.open(newline="")))
    assert {row["id"] for row in exported} == mine and theirs not in saved.read_text()

    page.get_by_role("textbox", name="Search").fill("")
    page.get_by_role("textbox", name="Search").fill(f"p2-{tag}")
    expect(rows).to_have_count(2)
    page.get_by_role("combobox", name="State").click()
    page.get_by_role("option", name="rejected", exact=True).click()
    expect(rows).to_have_count(0)
    expect(page.get_by_text("No order matches these filters.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    filtered = tmp_path / "rejected.csv"
    download.value.save_as(filtered)
    assert [row["id"] for row in csv.DictReader(filtered.open(newline="")) if row["externalId"].startswith(
        f"p2-{tag}")] == []


def test_a_customer_tracks_an_order_and_its_issue_is_answered_by_the_order_desk(page, ordo_server, login_api):
    tag = uuid.uuid4().hex[:8]
    customer, agent = login_api("customer"), login_api("orderAgent")
    order_id = place(customer, "fibre-voip-port-in", f"p3-{tag}", requestedCompletionDate="2027-03-01T12:00:00Z")
    agent.post(f"/api/v1/orders/{order_id}/notes", json={"text": f"internal {tag}: chase donor"})
    agent.post(f"/api/v1/orders/{order_id}/notes", json={"text": "Your line is booked.", "customerVisible": True})

    signed_in_page(page, customer, "/portal/orders")
    page.get_by_role("textbox", name="Search").fill(f"p3-{tag}")
    expect(page).to_have_url(re.compile(f"q=p3-{tag}"))  # the search has reached the list
    rows = page.get_by_role("table", name="My orders").locator("tbody tr[data-row]")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(page).to_have_url(f"{ordo_server.url}/portal/orders/{order_id}")
    milestones = page.get_by_test_id("milestones")
    expect(milestones).to_contain_text("Order received")
    expect(milestones).to_contain_text("Being fulfilled")
    expect(page.locator("[data-milestone='inFulfilment'][data-state='done']")).to_have_count(1, timeout=SLOW)
    expect(page.get_by_test_id("date-requested")).to_contain_text("2027")
    expect(page.get_by_test_id("date-expected")).not_to_contain_text("—")
    expect(page.locator("tr[data-item='2']")).to_contain_text("VoIP line")
    expect(page.get_by_test_id("customer-notes")).to_contain_text("Your line is booked.")
    expect(page.get_by_text(f"internal {tag}")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Raise an issue").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Subject").fill(f"Morning visit {tag}")
    dialog.get_by_role("textbox", name="Your message").fill("Can the technician come before noon?")
    assert_accessible(page)
    dialog.get_by_role("button", name="Send").click()
    issues = page.get_by_test_id("customer-issues")
    expect(issues).to_contain_text(f"Morning visit {tag}")
    expect(issues).to_contain_text("Waiting for our answer")

    switch_user(page)
    sign_in(page, ordo_server, "orderAgent", "/workspace/issues")
    queue = page.get_by_role("table", name="Customer issues")
    expect(queue).to_contain_text(f"Morning visit {tag}")
    assert_accessible(page)
    queue.get_by_text(f"Morning visit {tag}").click()
    expect(page.get_by_role("heading", name=f"Morning visit {tag}")).to_be_visible()
    page.get_by_role("textbox", name=f'Answer to "Morning visit {tag}"').fill("Yes: 9:00 on Monday.")
    assert_accessible(page)
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_test_id("issue-answer")).to_contain_text("Yes: 9:00 on Monday.")
    page.goto("/workspace/issues")
    expect(page.get_by_role("table", name="Customer issues")).not_to_contain_text(f"Morning visit {tag}")

    switch_user(page)
    signed_in_page(page, customer, f"/portal/orders/{order_id}")
    expect(page.get_by_test_id("customer-issues").get_by_test_id("issue-answer")).to_contain_text("Yes: 9:00 on Monday.")


def test_another_partys_order_by_url_shows_a_not_found_page_that_tells_nothing(page, ordo_server, login_api, console):
    console.allow(r"status of 404")  # the tracking view of another party's order, asked for on purpose
    tag = uuid.uuid4().hex[:8]
    party = other_customer(ordo_server)
    placed = login_api("orderAgent").post(ORDERS, json=example("fibre-500", f"secret-{tag}", party))
    assert placed.status_code == 201, placed.text
    signed_in_page(page, login_api("customer"), f"/portal/orders/{placed.json()['id']}")
    expect(page.get_by_test_id("order-not-found")).to_be_visible()
    expect(page.get_by_role("heading", name="Order not found")).to_be_visible()
    content = page.content()
    assert f"secret-{tag}" not in content and party[1] not in content and "fibre" not in content.lower()
    assert_accessible(page)


def wait_for_task(api, order_id: str, key: str) -> dict:
    """The order's task ``key`` once the worker has planned it (a wait on the worker, bounded; not a timing check)."""
    deadline = time.monotonic() + SLOW / 1000
    while True:
        tasks = api.get(f"/api/v1/orders/{order_id}").json().get("tasks", [])
        found = next((t for t in tasks if t["key"] == key and t["state"] == "waiting"), None)
        if found or time.monotonic() > deadline:
            assert found, f"order {order_id} has no waiting task {key}: {[t['key'] for t in tasks]}"
            return found
        time.sleep(0.2)


def test_a_customer_supplies_missing_information_then_cancels_before_the_point_of_no_return(page, login_api):
    tag = uuid.uuid4().hex[:8]
    customer = login_api("customer")
    body = example("fibre-voip-port-in", f"p3-missing-{tag}")
    body["productOrderItem"][1]["product"]["productCharacteristic"] = [
        c for c in body["productOrderItem"][1]["product"]["productCharacteristic"] if c["name"] != "donorOperator"]
    placed = customer.post(ORDERS, json=body)
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]

    signed_in_page(page, customer, f"/portal/orders/{order_id}")
    missing = page.get_by_test_id("missing-information")
    expect(missing).to_be_visible(timeout=SLOW)
    assert_accessible(page)
    missing.get_by_role("textbox", name="Operator the number is ported from is required (item 2)").fill("OldTel")
    missing.get_by_role("button", name="Send the information").click()
    expect(missing).to_have_count(0, timeout=SLOW)
    expect(page.locator("[data-milestone='validated'][data-state='done']")).to_have_count(1, timeout=SLOW)

    page.get_by_role("button", name="Cancel order").click()
    dialog = page.get_by_role("dialog", name="Cancel this order?")
    dialog.get_by_role("textbox", name="Reason (optional)").fill("moving abroad")
    assert_accessible(page)
    dialog.get_by_role("button", name="Cancel the order").click()
    expect(page.get_by_text("Your order was cancelled.")).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    expect(page.get_by_test_id("cancel-refusal")).to_contain_text("nothing left to cancel")


def test_past_the_point_of_no_return_the_servers_refusal_is_shown(page, login_api):
    tag = uuid.uuid4().hex[:8]
    customer, fitter = login_api("customer"), login_api("fulfillmentAgent")
    order_id = place(customer, "fibre-voip-port-in", f"p3-ponr-{tag}")
    install = wait_for_task(fitter, order_id, "install-south")
    signed_in_page(page, customer, f"/portal/orders/{order_id}")
    expect(page.get_by_role("button", name="Cancel order")).to_be_visible(timeout=SLOW)
    claimed = fitter.post(f"/api/v1/tasks/{install['id']}/claim")  # the technician takes the visit meanwhile
    assert claimed.status_code == 200, claimed.text
    page.get_by_role("button", name="Cancel order").click()
    dialog = page.get_by_role("dialog", name="Cancel this order?")
    dialog.get_by_role("button", name="Cancel the order").click()
    expect(dialog.get_by_role("alert")).to_contain_text("point of no return")
    dialog.get_by_role("button", name="Keep the order").click()
    expect(page.get_by_role("button", name="Cancel order")).to_have_count(0)
    expect(page.get_by_test_id("cancel-refusal")).to_contain_text("point where it can still be cancelled")
    assert_accessible(page)
