"""W6 task queue in Chromium: a fulfilment agent finds a manual task in the queue, claims it, adds a work note,
completes it with the form of its outputs, then raises a manual fallout on the next task; an agent outside a
task's group does not see it in the queue and gets the server's forbidden message by URL."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, sign_in
from tests.browser.workspace_support import open_task, place_example, wait_for

SLOW = 20_000  # ms: the worker on a busy machine


def test_an_agent_claims_notes_and_completes_a_manual_task_then_raises_a_fallout(page, login_api, ordo_server):
    order_id = place_example(login_api("orderAgent"), "sdwan-12-sites")
    agent = login_api("fulfillmentAgent")
    task = wait_for(lambda: open_task(agent, order_id, "schedule"), "the SD-WAN scheduling task")

    sign_in(page, ordo_server, "fulfillmentAgent", f"/workspace/tasks?orderId={order_id}")
    row = page.locator(f'[data-row="{task["id"]}"]')
    expect(row).to_contain_text(task["name"])
    expect(row.get_by_label(re.compile("SLA used"))).to_be_attached()
    assert_accessible(page)
    row.get_by_role("link", name=task["name"]).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(task["name"])
    page.get_by_role("button", name="Claim").click()
    expect(page.get_by_text("fulfillmentAgent", exact=True).first).to_be_visible()
    page.get_by_label("New work note").fill("Called both site contacts, dates agreed")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_test_id("work-note").last).to_contain_text("Called both site contacts")
    assert_accessible(page)

    form = page.get_by_label("Complete the task")
    form.get_by_role("combobox", name="Outcome").click()
    page.get_by_role("option", name="done", exact=True).click()
    form.get_by_label("What was done").fill("Visits booked for all 12 sites")
    form.get_by_role("button", name="Complete task").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("completed", timeout=SLOW)
    done = agent.get(f"/api/v1/tasks/{task['id']}").json()
    assert done["state"] == "completed" and done["output"]["outcome"] == "done"
    assert done["output"]["summary"] == "Visits booked for all 12 sites"

    install = wait_for(lambda: open_task(agent, order_id, "install-south"), "the field-south work order")
    page.goto(f"/workspace/tasks/{install['id']}")
    fallout = page.get_by_label("Raise a manual fallout")
    fallout.get_by_role("textbox", name="Reason").fill("Site 7 has no power for the edge device")
    fallout.get_by_role("button", name="Raise fallout").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("on ?hold", re.I), timeout=SLOW)
    records = agent.get("/api/v1/fallout", params={"orderId": order_id})
    held = agent.get(f"/api/v1/tasks/{install['id']}").json()
    assert held["state"] == "onHold" and "Site 7 has no power" in held["notes"][-1]["text"]
    assert records.status_code in (200, 403)  # a fulfilment agent may not read fallout records; the task says it


def test_an_agent_outside_the_group_neither_sees_nor_opens_its_task(page, login_api, ordo_server, console):
    order_id = place_example(login_api("orderAgent"), "sdwan-12-sites")
    manager = login_api("fulfillmentManager")
    task = wait_for(lambda: open_task(manager, order_id, "schedule"), "the SD-WAN scheduling task")
    moved = manager.post(f"/api/v1/tasks/{task['id']}/reassign", json={"group": "vip-desk", "assignee": None})
    assert moved.status_code == 200, moved.text

    sign_in(page, ordo_server, "fulfillmentAgent", f"/workspace/tasks?orderId={order_id}")
    expect(page.get_by_text("No open tasks here.")).to_be_visible()
    console.allow(r"status of 403")
    page.goto(f"/workspace/tasks/{task['id']}")
    expect(page.get_by_role("alert")).to_contain_text("not a member of assignment group 'vip-desk'")
    assert_accessible(page)
