"""The portal's order views: tracking (customer-safe: milestones, item states, dates, customer notes, missing
information, cancellable before the point of no return, issues), my orders with its CSV export, and the trace
kept for staff."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select

from engine.store.models import Task
from tests.api.native import portal_support
from tests.api.native.portal_support import call
from tests.rulepacks.telco_demo_driver import example

people, placed = portal_support.people, portal_support.placed  # this module's fixtures

INTERNAL_KEYS = {"artifact", "rule", "inputs", "decision", "pack", "stage", "tasks", "domainOrders", "assignee",
                 "answeredBy", "author", "pricing"}


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def tracking(client, person, order_id: str):
    return call(client, person, "GET", f"/api/v1/orders/{order_id}/tracking")


def test_tracking_shows_milestones_items_dates_and_only_the_customers_notes(secure_client, placed, people):
    order_id = placed("fibre-voip-port-in", requestedCompletionDate="2026-01-20T12:00:00Z")
    notes = f"/api/v1/orders/{order_id}/notes"
    call(secure_client, people["agent"], "POST", notes, json={"text": "donor operator slow, chase them"})
    call(secure_client, people["agent"], "POST", notes, json={"text": "Your line is ordered.", "customerVisible": True})
    seen = tracking(secure_client, people["jane"], order_id)
    assert seen.status_code == 200, seen.json
    view = seen.json
    assert (view["state"], view["status"]) == ("inProgress", "Your order is being fulfilled.")
    assert [(m["key"], m["state"]) for m in view["milestones"]] == [
        ("captured", "done"), ("validated", "done"), ("inFulfilment", "done"), ("completed", "current")]
    assert all(m["at"] for m in view["milestones"][:3]) and view["milestones"][3]["at"] is None
    assert [(i["id"], i["name"], i["state"]) for i in view["items"]] == [
        ("1", "Fibre Broadband 100M", "inProgress"), ("2", "VoIP line", "inProgress")]
    assert view["requestedCompletion"] == "2026-01-20T12:00:00.000Z" and view["expectedCompletion"]
    assert view["expectedAfterRequested"] == (view["expectedCompletion"] > view["requestedCompletion"])
    assert [n["text"] for n in view["notes"]] == ["Your line is ordered."]
    assert (view["canCancel"], view["cancelRefusal"], view["missingInformation"]) == (True, None, [])
    assert not keys_of(view) & INTERNAL_KEYS and "chase" not in seen.get_data(as_text=True)
    assert tracking(secure_client, people["agent"], order_id).json["notes"] == view["notes"]  # staff may read it


def test_past_the_point_of_no_return_the_order_cannot_be_cancelled(secure_client, placed, people, runtime):
    order_id = placed("fibre-voip-port-in")
    with runtime.unit_of_work(actor="test") as uow:  # a technician claims the site visit: the point of no return
        uow.session.execute(select(Task).where(Task.order_id == order_id, Task.key == "install-south")
                            ).scalar_one().assignee = "tech"
    view = tracking(secure_client, people["jane"], order_id).json
    assert view["canCancel"] is False and "point where it can still be cancelled" in view["cancelRefusal"]


def test_missing_information_is_listed_for_the_customer(secure_client, placed, people):
    body = example("fibre-voip-port-in")
    body["productOrderItem"][1]["product"]["productCharacteristic"] = [
        c for c in body["productOrderItem"][1]["product"]["productCharacteristic"] if c["name"] != "donorOperator"]
    order_id = placed("fibre-voip-port-in", productOrderItem=body["productOrderItem"])
    view = tracking(secure_client, people["jane"], order_id).json
    assert view["state"] == "pending" and view["canSupplyInformation"] is True
    assert view["missingInformation"] == [{"itemId": "2", "field": "donorOperator", "characteristic": "donorOperator",
                                           "description": "Operator the number is ported from is required"}]
    assert [(m["key"], m["state"]) for m in view["milestones"]][:2] == [("captured", "done"), ("validated", "current")]
    staggered = tracking(secure_client, people["jane"], placed("fibre-voip-port-in-number-missing")).json
    assert [(m["itemId"], m["characteristic"]) for m in staggered["missingInformation"]] == [("2", "portInNumber")]


def test_another_partys_order_is_not_found_and_the_trace_is_for_staff(secure_client, placed, people):
    order_id = placed()
    hidden = tracking(secure_client, people["bob"], order_id)
    assert hidden.status_code == 404 and order_id in hidden.json["detail"] and "fibre" not in hidden.json["detail"]
    trace = f"/api/v1/orders/{order_id}/trace"
    refused = call(secure_client, people["jane"], "GET", trace)
    assert refused.status_code == 403 and "trace.read" in refused.json["detail"]
    assert call(secure_client, people["agent"], "GET", trace).status_code == 200
    assert tracking(secure_client, people["jane"], "nope").status_code == 404


def test_my_orders_are_the_customers_own_with_search_and_csv_export(secure_client, placed, people):
    fibre, voip = placed("fibre-500"), placed("fibre-voip-port-in")
    theirs = placed("fibre-500", who="bob")
    mine = call(secure_client, people["jane"], "GET", "/api/v1/portal/orders")
    assert [o["id"] for o in mine.json] == [voip, fibre] and mine.headers["X-Total-Count"] == "2"
    assert mine.json[0]["products"] == ["fibre-100", "voip-line"] and mine.json[0]["itemCount"] == 2
    searched = call(secure_client, people["jane"], "GET", "/api/v1/portal/orders", query_string={"q": "VOIP"})
    assert [o["id"] for o in searched.json] == [voip]
    assert call(secure_client, people["jane"], "GET", "/api/v1/portal/orders",
                query_string={"q": "%"}).json == []  # a wildcard is searched for, not used
    exported = call(secure_client, people["jane"], "GET", "/api/v1/orders/export.csv",
                    query_string={"sort": "orderDate"})
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert [r["id"] for r in rows] == [fibre, voip] and theirs not in exported.get_data(as_text=True)
    assert rows[1]["products"] == "fibre-100 voip-line" and rows[1]["state"] == "inProgress"
    filtered = call(secure_client, people["jane"], "GET", "/api/v1/orders/export.csv", query_string={"q": "voip"})
    assert [r["id"] for r in csv.DictReader(io.StringIO(filtered.get_data(as_text=True)))] == [voip]
    staff = call(secure_client, people["agent"], "GET", "/api/v1/orders/export.csv")
    assert {r["id"] for r in csv.DictReader(io.StringIO(staff.get_data(as_text=True)))} == {fibre, voip, theirs}
    assert call(secure_client, people["agent"], "GET", "/api/v1/portal/orders").status_code == 403
    bad = call(secure_client, people["jane"], "GET", "/api/v1/orders/export.csv", query_string={"sort": "payload"})
    assert bad.status_code == 400 and bad.json["errors"][0]["parameter"] == "sort"


def test_the_csv_export_quotes_what_a_spreadsheet_would_run_as_a_formula(secure_client, placed, people):
    order_id = placed("fibre-500", externalId="=HYPERLINK(\"http://x\")")
    exported = call(secure_client, people["jane"], "GET", "/api/v1/orders/export.csv").get_data(as_text=True)
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == order_id)
    assert row["externalId"] == "'=HYPERLINK(\"http://x\")" and row["requestedCompletionDate"] == ""
