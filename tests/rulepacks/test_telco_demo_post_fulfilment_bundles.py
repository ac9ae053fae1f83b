"""Post-fulfilment changes to a bundle in the telco demo pack: a Fibre 500M line with a static IP bundled in it
(``fibre-router-static-ip.json``, the static IP's relationship made ``bundledIn``, so the inventory keeps it
under the fibre with ``parent_id``). Disconnecting, suspending or resuming the fibre carries the static IP
along; naming the static IP beside the fibre with another action, or while the fibre is being changed, is
rejected with the reason. A change whose product moved before completion fails the item, not the order run."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.runtime.fallout import actions as fallout
from engine.store.models import Contract, FalloutRecord, Product
from tests.rulepacks.telco_demo_driver import example
from tests.rulepacks.test_telco_demo_post_fulfilment import (
    ChangeOrder,
    assert_consistent,
    audit_actions,
    change,
    product,
)


@pytest.fixture
def place(client, demo_pack, worker, clock, runtime):
    def place(name: str, body: dict | None = None, product_id: str | None = None) -> ChangeOrder:
        return ChangeOrder(client, worker, clock, runtime, name, body, product_id=product_id)
    return place


@pytest.fixture
def bundle(place, make_user, runtime) -> tuple[str, str]:
    """(fibre id, static IP id) of party cust-0042, the static IP bundled in the fibre, ordered 2026-01-01."""
    make_user("jane", "customer", party="cust-0042")
    body = example("fibre-router-static-ip")
    body["productOrderItem"][1]["productOrderItemRelationship"] = [{"id": "1", "relationshipType": "bundledIn"}]
    demo = place("fibre-router-static-ip", body)
    assert demo.detail()["state"] == "completed"
    with runtime.reading() as session:
        fibre, static_ip = (session.scalars(select(Product.id).where(Product.offering_id == offering)).one()
                            for offering in ("fibre-500", "static-ip"))
        assert session.get(Product, static_ip).parent_id == fibre
    return fibre, static_ip


def test_disconnecting_the_fibre_terminates_the_bundled_static_ip(place, bundle, client, clock, runtime):
    fibre, static_ip = bundle
    clock.advance(days=151)  # 2026-06-01, within the 24-month term
    disconnect = place("fibre-500-disconnect", change("fibre-500-disconnect", fibre), fibre)
    assert_consistent(disconnect, runtime)
    child = product(client, static_ip)  # TMF637 GET of the bundled product
    assert (child["status"], child["terminationDate"]) == ("terminated", "2026-06-01T09:00:00.000Z")
    assert [(i["productOrderId"], i["orderItemAction"]) for i in child["productOrderItem"]][-1:] == [
        (disconnect.id, "delete")]
    assert product(client, fibre)["status"] == "terminated"
    # only the fibre's contract is charged for early termination: the static IP has no contract of its own
    lines = disconnect.detail()["pricing"]["lines"]
    assert [(line["priceType"], line["provenance"]["artifact"]) for line in lines] == [
        ("oneTime", "pricing.termination")]
    assert audit_actions(runtime, static_ip) == ["product.activated", "product.pendingTerminate",
                                                 "product.terminated"]
    with runtime.reading() as session:
        assert session.scalars(select(Contract).where(Contract.product_id == static_ip)).all() == []
        assert session.scalars(select(Contract.status).where(Contract.product_id == fibre)).one() == "terminated"


def test_suspending_and_resuming_the_fibre_carries_the_static_ip(place, bundle, client, runtime):
    fibre, static_ip = bundle
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre), fibre)
    assert_consistent(suspend, runtime)
    assert product(client, static_ip)["status"] == "suspended"
    resume = place("fibre-500-resume", change("fibre-500-resume", fibre), fibre)
    assert_consistent(resume, runtime)
    assert [product(client, i)["status"] for i in bundle] == ["active", "active"]
    assert audit_actions(runtime, static_ip)[1:] == ["product.suspended", "product.active"]


def test_the_static_ip_named_with_another_action_than_the_fibre_is_rejected(place, bundle, client):
    fibre, static_ip = bundle
    body = change("fibre-500-disconnect", fibre)
    body["productOrderItem"].append({"id": "2", "action": "modify",
                                     "product": {"id": static_ip, "status": "suspended"}})
    refused = place("fibre-500-disconnect", body).detail()
    assert refused["state"] == "rejected"
    assert refused["stateReason"] == (
        f"item 2: product {static_ip!r} is bundled in product {fibre!r}, which item 1 will disconnect: it "
        "follows its parent, so leave it out or disconnect it too (/productOrderItem/1/action)")
    assert [product(client, i)["status"] for i in bundle] == ["active", "active"]


def test_the_static_ip_named_with_the_same_action_follows_its_own_item(place, bundle, client, runtime):
    fibre, static_ip = bundle
    body = change("fibre-500-disconnect", fibre)
    body["productOrderItem"].append({"id": "2", "action": "delete", "product": {"id": static_ip}})
    disconnect = place("fibre-500-disconnect", body)
    assert_consistent(disconnect, runtime)
    assert [product(client, i)["status"] for i in bundle] == ["terminated", "terminated"]
    assert [i["orderItemId"] for i in product(client, static_ip)["productOrderItem"]][-1:] == ["2"]


def hold_fulfilment(monkeypatch) -> dict:
    """The barring platform is down (change orders wait in fulfilment) until ``state["up"]`` is set."""
    from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskFailed, TaskHandler

    state, original = {"up": False}, TASK_HANDLERS["simulator.run"]

    def barring(ctx):
        if not state["up"]:
            raise TaskFailed("barring platform unreachable")
        return original.run(ctx)
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", barring))
    return state


def test_the_static_ip_cannot_be_changed_while_the_fibre_is(place, bundle, client, monkeypatch):
    fibre, static_ip = bundle
    hold_fulfilment(monkeypatch)
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre))
    assert suspend.advance(hours=1)["stage"] == "fulfilling"
    body = change("fibre-500-suspend", static_ip)
    body["productOrderItem"][0]["productOffering"] = {"id": "static-ip"}
    refused = place("fibre-500-suspend", {**body, "externalId": "ip"}).detail()
    assert refused["state"] == "rejected"
    assert refused["stateReason"] == (f"item 1: product {static_ip!r} is bundled with product {fibre!r}, which "
                                      f"already has a change in progress (order {suspend.id})")


def test_a_change_whose_product_moved_before_completion_fails_the_item_with_the_reason(place, bundle, client,
                                                                                    runtime, monkeypatch):
    fibre, _ = bundle
    barring = hold_fulfilment(monkeypatch)
    suspend = place("fibre-500-suspend", change("fibre-500-suspend", fibre))
    suspend.advance(hours=1)
    assert suspend.advance(hours=6)["stage"] == "fulfilling"  # retries spent: a fallout record
    with runtime.unit_of_work(actor="test") as uow:  # meanwhile the product ended (e.g. by an operator)
        uow.session.get(Product, fibre).status = "terminated"
        record_id = uow.session.scalars(select(FalloutRecord.id).where(FalloutRecord.order_id == suspend.id)).first()
    barring["up"] = True
    with runtime.unit_of_work(actor="test") as uow:
        fallout.retry(uow, record_id)
    order = suspend.advance(minutes=1)
    reason = f"item 1: cannot suspend product {fibre!r} any more: it is terminated"
    assert (order["state"], order["stage"], order["stateReason"]) == ("failed", "failed", reason)
    assert [item["state"] for item in order["items"]] == ["failed"]
    assert product(client, fibre)["status"] == "terminated"
    assert "product.suspended" not in audit_actions(runtime, fibre)


def test_resuming_the_fibre_leaves_a_static_ip_suspended_on_its_own_suspended(place, bundle, client, runtime):
    fibre, static_ip = bundle
    with runtime.unit_of_work(actor="test") as uow:  # suspended before the fibre, by its own order
        uow.session.get(Product, static_ip).status = "suspended"
    place("fibre-500-suspend", change("fibre-500-suspend", fibre))
    place("fibre-500-resume", change("fibre-500-resume", fibre))
    assert [product(client, i)["status"] for i in bundle] == ["active", "suspended"]
    assert audit_actions(runtime, static_ip) == ["product.activated"]
