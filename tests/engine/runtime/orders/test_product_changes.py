"""The inventory side of post-fulfilment changes: products read for capture, changes already in flight."""
from sqlalchemy import select

from engine.runtime.orders.persistence import capture
from engine.runtime.orders.product_changes import change_products, changes_in_flight
from engine.store.models import Contract, CustomerOrder
from tests.rulepacks.telco_demo_driver import BASE, PRODUCTS, example


def suspend(product_id: str) -> dict:
    body = example("fibre-500-suspend")
    body["productOrderItem"][0]["product"]["id"] = product_id
    return body


def ordered_fibre(client, worker, make_user) -> str:
    make_user("jane", "customer", party="cust-0042")
    assert client.post(BASE, json=example("fibre-500")).status_code == 201
    worker.run_until_idle()
    return client.get(PRODUCTS).json[0]["id"]


def test_change_products_are_read_with_their_contract(client, demo_pack, worker, make_user, runtime):
    product_id = ordered_fibre(client, worker, make_user)
    with runtime.reading() as session:
        found = change_products(session, {"productOrderItem": [{"product": {"id": product_id}},
                                                               {"product": {"id": "gone"}}, {"action": "add"}]})
        contract = session.scalars(select(Contract)).one()
    assert list(found) == [product_id]
    product = found[product_id]
    assert (product.party_id, product.offering_id, product.status) == ("cust-0042", "fibre-500", "active")
    assert product.characteristics["bandwidth"] == "500M"
    assert (product.contract_end, product.contract_term) == (contract.end_date, 24)


def test_a_product_already_being_changed_refuses_a_second_change(client, demo_pack, worker, make_user, runtime):
    product_id = ordered_fibre(client, worker, make_user)
    with runtime.unit_of_work(actor="test") as uow:
        first = capture(uow, suspend(product_id), party_id="cust-0042")
        second = capture(uow, {**suspend(product_id), "externalId": "again"}, party_id="cust-0042")
        other_party = capture(uow, {**suspend(product_id), "externalId": "elsewhere"}, party_id=None)
        assert changes_in_flight(uow.session, second) == {}  # the first has not passed capture yet
        first.stage, first.state = "fulfilling", "inProgress"
        uow.session.flush()
        assert changes_in_flight(uow.session, second) == {product_id: first.id}
        assert changes_in_flight(uow.session, other_party) == {}
        first_id, second_id = first.id, second.id
    worker.run_until_idle()
    with runtime.reading() as session:
        refused = session.get(CustomerOrder, second_id)
        assert refused.state == "rejected"
        assert refused.state_reason == (f"item 1: product {product_id!r} already has a change in progress "
                                        f"(order {first_id})")


def test_two_change_orders_captured_at_the_same_moment_accept_one_and_reject_the_other(
        client, demo_pack, worker, make_user, runtime, monkeypatch):
    """Each capture locks the product, so the second sees the first past capture (validation slowed down so
    that, unlocked, both would pass; the barring platform down so the first stays in fulfilment)."""
    import threading
    import time

    from engine.runtime.orders.pipeline import capture as capture_stage
    from engine.runtime.orders.pipeline.advance import advance_by_id
    from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskFailed, TaskHandler

    product_id = ordered_fibre(client, worker, make_user)
    with runtime.unit_of_work(actor="test") as uow:
        ids = [capture(uow, {**suspend(product_id), "externalId": f"race-{n}"}, party_id="cust-0042").id
               for n in range(2)]
    validate = capture_stage.validate_order

    def slow_validate(*args, **kwargs):
        time.sleep(0.3)
        return validate(*args, **kwargs)
    def barring_system_down(ctx):
        raise TaskFailed("barring platform unreachable")
    monkeypatch.setattr(capture_stage, "validate_order", slow_validate)
    monkeypatch.setitem(TASK_HANDLERS, "simulator.run", TaskHandler("simulator.run", barring_system_down))
    start, errors = threading.Barrier(2), []

    def advance(order_id: str) -> None:
        try:
            start.wait()
            with runtime.unit_of_work(actor="worker") as uow:
                advance_by_id(uow, order_id)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
    threads = [threading.Thread(target=advance, args=(order_id,)) for order_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    with runtime.reading() as session:
        orders = [session.get(CustomerOrder, order_id) for order_id in ids]
        [accepted] = [o for o in orders if o.state != "rejected"]
        [refused] = [o for o in orders if o.state == "rejected"]
        assert accepted.stage not in ("captured", "rejected")
        assert refused.state_reason == (f"item 1: product {product_id!r} already has a change in progress "
                                        f"(order {accepted.id})")
