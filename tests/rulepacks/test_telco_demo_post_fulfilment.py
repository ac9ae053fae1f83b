"""Post-fulfilment changes in the telco demo pack, driven through the API on the fake clock.

A Fibre 500M line is ordered (``fibre-500.json``), then modified to a 36-month term, suspended,
resumed and disconnected within its term, each with its example order (``fibre-500-*.json``, the
product id put in place of ``PRODUCT-ID``). Every change order ends consistent: completed, no task
left open, the product, its contract and entitlements as the orders say, the audit trail complete.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from engine.store import audit
from engine.store.models import AuditEvent, Contract, Entitlement, ProductVersion, Task
from tests.rulepacks.telco_demo_driver import PRODUCTS, DemoOrder, check_golden, example

OPEN = ("pending", "ready", "running", "waiting")


class ChangeOrder(DemoOrder):
    """A change order whose reads show the product it changes as ``PRODUCT-ID`` (stable golden files)."""

    def __init__(self, *args, product_id: str | None = None):
        self.product_id = product_id
        super().__init__(*args)

    def _named(self, found):
        if not self.product_id:
            return found
        return json.loads(json.dumps(found).replace(self.product_id, "PRODUCT-ID"))

    def detail(self) -> dict:
        return self._named(super().detail())

    def tmf(self) -> dict:
        return self._named(super().tmf())

    def trace(self) -> list[dict]:
        return self._named(super().trace())


@pytest.fixture
def place(client, demo_pack, worker, clock, runtime):
    def place(name: str, body: dict | None = None, product_id: str | None = None) -> DemoOrder:
        return ChangeOrder(client, worker, clock, runtime, name, body, product_id=product_id)
    return place


@pytest.fixture
def fibre(place, make_user):
    """The id of an active Fibre 500M product of party cust-0042 ordered on 2026-01-01 (24 months: to
    2028-01-01); party cust-9999 exists too."""
    make_user("jane", "customer", party="cust-0042")
    make_user("eve", "customer", party="cust-9999")
    demo = place("fibre-500")
    assert demo.detail()["state"] == "completed"
    return demo.products()[0]["id"]


def change(name: str, product_id: str, party: str | None = None) -> dict:
    body = example(name)
    for item in body["productOrderItem"]:
        item["product"]["id"] = product_id
    if party:
        body["relatedParty"] = [{"id": party, "role": "customer", "@referredType": "Individual"}]
    return body


def product(client, product_id: str) -> dict:
    response = client.get(f"{PRODUCTS}/{product_id}")
    assert response.status_code == 200
    return response.json


def characteristics(shown: dict) -> dict:
    return {c["name"]: c["value"] for c in shown["productCharacteristic"]}


def assert_consistent(demo: DemoOrder, runtime) -> None:
    """Completed, no task open, the audit chain intact with the order's and the product's entries."""
    order = demo.detail()
    assert (order["state"], order["stage"]) == ("completed", "completed"), order["stateReason"]
    assert {item["state"] for item in order["items"]} == {"completed"}
    with runtime.reading() as session:
        open_tasks = session.scalars(select(Task).where(Task.order_id == demo.id, Task.state.in_(OPEN))).all()
        assert open_tasks == []
        assert audit.verify(session) is None


def audit_actions(runtime, entity_id: str) -> list[str]:
    with runtime.reading() as session:
        return list(session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == entity_id)
                                    .order_by(AuditEvent.id)))


def test_modify_suspend_resume_and_disconnect_a_fibre_line(place, fibre, client, clock, runtime):
    clock.advance(days=59)  # 2026-03-01
    modify = place("fibre-500-modify-term", change("fibre-500-modify-term", fibre), fibre)
    assert_consistent(modify, runtime)
    # the delta: 36-month north cell 41.90 replaces the 24-month one 44.90, one recurring total of -3.00
    assert [(line["amount"], line["provenance"]["row"]) for line in modify.detail()["pricing"]["lines"]] == [
        ("41.90", "500M-36-north"), ("-44.90", "500M-24-north")]
    assert modify.detail()["pricing"]["orderTotalPrice"][0]["price"]["dutyFreeAmount"]["value"] == "-3.00"
    shown = product(client, fibre)
    assert characteristics(shown)["term"] == 36
    with runtime.reading() as session:  # the 36-month term counts from the contract's start
        contract = session.scalars(select(Contract).where(Contract.product_id == fibre)).one()
        assert (contract.term_months, contract.end_date.isoformat(), contract.renewal_notice_date.isoformat()) == (
            36, "2029-01-01T09:00:00+00:00", "2028-10-03T09:00:00+00:00")
        assert [e.end_date.isoformat() for e in session.scalars(
            select(Entitlement).where(Entitlement.product_id == fibre))] == ["2029-01-01T09:00:00+00:00"]
    assert [(p["priceType"], p["price"]["dutyFreeAmount"]["value"], p["name"]) for p in shown["productPrice"]] == [
        ("oneTime", "19.90", "fibre-500-install-self"), ("recurring", "41.90", "500M-36-north")]
    check_golden(modify.snapshot())

    clock.advance(days=31)  # 2026-04-01
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre), fibre)
    assert_consistent(suspend, runtime)
    assert product(client, fibre)["status"] == "suspended"
    check_golden(suspend.snapshot())

    clock.advance(days=30)  # 2026-05-01
    resume = place("fibre-500-resume", change("fibre-500-resume", fibre), fibre)
    assert_consistent(resume, runtime)
    assert product(client, fibre)["status"] == "active"
    check_golden(resume.snapshot())

    clock.advance(days=31)  # 2026-06-01: 31 months left of the 36-month contract
    disconnect = place("fibre-500-disconnect", change("fibre-500-disconnect", fibre), fibre)
    assert_consistent(disconnect, runtime)
    # 31 months x 41.90 (the current 36-month configuration) x 50 % = 649.45, one-time, from the pack's rule
    assert [(line["priceType"], line["amount"], line["provenance"]["artifact"], line["provenance"]["row"])
            for line in disconnect.detail()["pricing"]["lines"]] == [
        ("oneTime", "649.45", "pricing.termination", "fibre-50")]
    shown = product(client, fibre)
    assert (shown["status"], shown["terminationDate"]) == ("terminated", "2026-06-01T09:00:00.000Z")
    assert [(i["productOrderId"], i["orderItemAction"]) for i in shown["productOrderItem"]][1:] == [
        (modify.id, "modify"), (suspend.id, "modify"), (resume.id, "modify"), (disconnect.id, "delete")]
    check_golden(disconnect.snapshot())

    assert audit_actions(runtime, fibre) == [
        "product.activated", "product.modified", "product.suspended", "product.active",
        "product.pendingTerminate", "product.terminated"]
    with runtime.reading() as session:
        contract = session.scalars(select(Contract).where(Contract.product_id == fibre)).one()
        assert (contract.status, contract.end_date.isoformat()) == ("terminated", "2026-06-01T09:00:00+00:00")
        entitlement_ids = list(session.scalars(select(Entitlement.id).where(Entitlement.product_id == fibre)))
    assert audit_actions(runtime, contract.id) == ["contract.created", "contract.term_changed", "contract.terminated"]
    assert audit_actions(runtime, entitlement_ids[0]) == ["entitlement.suspended", "entitlement.active",
                                                          "entitlement.ended"]
    with runtime.reading() as session:
        entitlements = session.scalars(select(Entitlement).where(Entitlement.product_id == fibre)).all()
        assert [(e.status, e.end_date.isoformat()) for e in entitlements] == [
            ("ended", "2026-06-01T09:00:00+00:00")]
        history = session.scalars(select(ProductVersion).where(ProductVersion.product_id == fibre)
                                  .order_by(ProductVersion.version)).all()
        assert [(v.version, {c["name"]: c["value"] for c in v.characteristics}["term"], v.order_id)
                for v in history] == [(1, 24, history[0].order_id), (2, 36, modify.id)]
        assert [v.valid_to and v.valid_to.isoformat() for v in history] == ["2026-03-01T09:00:00+00:00", None]


def test_suspension_suspends_the_entitlements_and_resumption_reactivates_them(place, fibre, runtime):
    place("fibre-500-suspend", change("fibre-500-suspend", fibre))
    with runtime.reading() as session:
        assert {e.status for e in session.scalars(select(Entitlement).where(Entitlement.product_id == fibre))} == {
            "suspended"}
    place("fibre-500-resume", change("fibre-500-resume", fibre))
    with runtime.reading() as session:
        assert {e.status for e in session.scalars(select(Entitlement).where(Entitlement.product_id == fibre))} == {
            "active"}
        assert session.scalars(select(Contract.status).where(Contract.product_id == fibre)).one() == "active"


def test_disconnect_after_the_term_charges_nothing(place, fibre, client, clock, runtime):
    clock.advance(days=731)  # past 2028-01-01
    disconnect = place("fibre-500-disconnect", change("fibre-500-disconnect", fibre))
    order = disconnect.detail()
    assert order["state"] == "completed"
    assert order["pricing"]["lines"] == []
    decisions = [e["decision"] for e in disconnect.trace() if e["rule"] == "early-termination"]
    assert decisions == [{"outcome": "not charged", "reason": "the contract term has ended"}]
    assert product(client, fibre)["status"] == "terminated"
    with runtime.reading() as session:
        contract = session.scalars(select(Contract).where(Contract.product_id == fibre)).one()
        assert (contract.status, contract.end_date.isoformat()) == ("ended", "2028-01-01T09:00:00+00:00")


# --- refused ---------------------------------------------------------------------------------------


def test_resuming_an_active_product_is_rejected_with_the_reason(place, fibre, client):
    refused = place("fibre-500-resume", change("fibre-500-resume", fibre)).detail()
    assert refused["state"] == "rejected"
    assert refused["stateReason"] == (f"item 1: cannot resume product {fibre!r}: it is already active "
                                      "(/productOrderItem/0/product/status)")
    assert product(client, fibre)["status"] == "active"


def test_another_partys_product_is_rejected_as_not_found(place, fibre, client):
    body = change("fibre-500-suspend", fibre, party="cust-9999")
    refused = place("fibre-500-suspend", body).detail()
    assert product(client, fibre)["relatedParty"][0]["id"] == "cust-0042"
    unknown = place("fibre-500-suspend", {**change("fibre-500-suspend", "no-such-product"),
                                          "externalId": "other"}).detail()
    assert refused["state"] == unknown["state"] == "rejected"
    assert refused["stateReason"] == f"item 1: no product with id {fibre!r} (/productOrderItem/0/product/id)"
    assert unknown["stateReason"] == "item 1: no product with id 'no-such-product' (/productOrderItem/0/product/id)"
    assert product(client, fibre)["status"] == "active"


def test_a_terminated_product_can_be_neither_suspended_nor_modified(place, fibre):
    place("fibre-500-disconnect", change("fibre-500-disconnect", fibre))
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre)).detail()
    modify = place("fibre-500-modify-term", change("fibre-500-modify-term", fibre)).detail()
    assert suspend["stateReason"] == (f"item 1: cannot suspend product {fibre!r}: it is terminated "
                                      "(/productOrderItem/0/product/status)")
    assert modify["stateReason"] == f"item 1: cannot modify product {fibre!r}: it is terminated (/productOrderItem/0/action)"
    assert suspend["state"] == modify["state"] == "rejected"


def test_every_reason_is_listed(place, fibre):
    body = change("fibre-500-modify-term", fibre)
    body["productOrderItem"][0]["productOffering"] = {"id": "fibre-1g"}
    body["productOrderItem"][0]["product"]["productCharacteristic"] = [{"name": "term", "value": 18}]
    body["productOrderItem"].append({"id": "2", "action": "delete", "product": {}})
    refused = place("fibre-500-modify-term", body).detail()
    assert refused["state"] == "rejected"
    assert refused["stateReason"].split("; ") == [
        f"item 1: product {fibre!r} is a 'fibre-500', not a 'fibre-1g' (/productOrderItem/0/productOffering/id)",
        refused["stateReason"].split("; ")[1],
        "item 2: a delete item must name the product (/productOrderItem/1/product/id)"]
    assert "term" in refused["stateReason"].split("; ")[1]


def test_the_inventory_does_not_change_while_the_change_order_has_not_completed(place, fibre, client, clock,
                                                                              runtime, monkeypatch):
    from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskFailed, TaskHandler

    def barring_system_down(ctx):
        raise TaskFailed("barring platform unreachable")
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", barring_system_down))
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre))
    order = suspend.advance(hours=1)  # every retry spent
    assert (order["state"], order["stage"]) == ("inProgress", "fulfilling")
    assert product(client, fibre)["status"] == "active"
    assert "product.suspended" not in audit_actions(runtime, fibre)
    disconnect = place("fibre-500-disconnect", change("fibre-500-disconnect", fibre)).detail()
    assert disconnect["state"] == "rejected"
    assert disconnect["stateReason"] == (f"item 1: product {fibre!r} already has a change in progress "
                                         f"(order {suspend.id})")
