"""Product relationships against the inventory and the party's other open orders (engine.runtime.orders.relationships):
what counts as on its way, and captures of one party checked one after the other."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from engine.errors import Invalid
from engine.lifecycle.relationships import InFlight
from engine.runtime.orders import relationships
from engine.runtime.orders.persistence import capture, capture_or_replay
from engine.store.models import CustomerOrder, Party, Product
from tests.api.tmf.test_product_order import order_for
from tests.engine.runtime.orders.relationship_packs import activate_capped_voip_pack

PARTY = "cust-0042"


def hold(runtime, *offerings: str) -> None:
    """The party exists and holds an active product per offering."""
    with runtime.unit_of_work("test") as uow:
        if uow.session.get(Party, PARTY) is None:
            uow.session.add(Party(id=PARTY, name="Jane", created_at=uow.now))
        for n, offering in enumerate(offerings):
            uow.session.add(Product(id=f"held-{offering}-{n}", party_id=PARTY, offering_id=offering, name=offering,
                                    status="active", characteristics=[], payload={}, created_at=uow.now,
                                    updated_at=uow.now))


def voip(external_id: str, quantity: int = 1) -> dict:
    body = order_for("voip-line", externalId=external_id)
    body["productOrderItem"][0]["quantity"] = quantity
    return body


def orders(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder))


def test_open_orders_add_items_on_their_way_until_their_product_exists_or_they_close(runtime, demo_pack):
    hold(runtime, "fibre-500")
    with runtime.unit_of_work("test") as uow:
        first = capture(uow, voip("a", 2), party_id=PARTY)
        second = capture(uow, order_for("fibre-500", "static-ip", externalId="b"), party_id=PARTY)
    with runtime.unit_of_work("test") as uow:
        assert set(relationships.in_flight(uow.session, PARTY)) == {
            InFlight(first.id, "1", "voip-line", 2), InFlight(second.id, "1", "fibre-500"),
            InFlight(second.id, "2", "static-ip")}
        assert [f.order_id for f in relationships.in_flight(uow.session, PARTY, first.id)] == [second.id] * 2
        assert relationships.in_flight(uow.session, "someone-else") == []
        uow.session.get(CustomerOrder, first.id).state = "cancelled"
        uow.session.add(Product(id="made", party_id=PARTY, order_id=second.id, order_item_id="1",
                                offering_id="fibre-500", name="f", status="active", characteristics=[], payload={},
                                created_at=uow.now, updated_at=uow.now))
        uow.session.flush()
        assert relationships.in_flight(uow.session, PARTY) == [InFlight(second.id, "2", "static-ip")]
        assert "made" not in {h.product_id for h in relationships.holdings(uow.session, PARTY, second.id)}


def test_a_second_open_order_may_not_pass_the_per_customer_maximum_with_the_first(runtime):
    activate_capped_voip_pack(runtime, 2)
    hold(runtime, "fibre-500", "voip-line")
    with runtime.unit_of_work("test") as uow:
        first = capture(uow, voip("a"), party_id=PARTY)
    with pytest.raises(Invalid) as refused, runtime.unit_of_work("test") as uow:
        capture(uow, voip("b"), party_id=PARTY)
    assert refused.value.errors == [{
        "pointer": "/productOrderItem/0/quantity", "code": "cardinality_per_customer",
        "message": f"item 1: customer {PARTY} would hold 3 'voip-line' (1 held, 1 in open order(s) {first.id}, 1 in "
                   "this order); a customer may hold 0..2 (/productOrderItem/0/quantity)"}]
    assert orders(runtime) == 1


def test_two_simultaneous_captures_of_one_party_cannot_together_pass_a_per_customer_maximum(runtime, monkeypatch):
    """Each alone fits (1 held + 1 ≤ 2), together they do not: the party's row lock makes the second capture
    check after the first is stored. The check is slowed down so that, unlocked, both would read before either
    writes."""
    activate_capped_voip_pack(runtime, 2)
    hold(runtime, "fibre-500", "voip-line")
    check = relationships.relationship_problems

    def slow_check(*args, **kwargs):
        time.sleep(0.3)
        return check(*args, **kwargs)
    monkeypatch.setattr(relationships, "relationship_problems", slow_check)
    start, outcomes = threading.Barrier(2), []

    def place(external_id: str) -> None:
        start.wait()
        try:
            with runtime.unit_of_work("test") as uow:
                outcomes.append(("captured", capture_or_replay(uow, voip(external_id), party_id=PARTY).replayed))
        except Invalid as error:
            outcomes.append(("refused", [e["code"] for e in error.errors]))
    threads = [threading.Thread(target=place, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == [("captured", False), ("refused", ["cardinality_per_customer"])]
    assert orders(runtime) == 1
