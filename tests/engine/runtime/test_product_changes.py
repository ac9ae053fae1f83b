"""The inventory side of post-fulfilment changes: products read for capture, changes already in flight."""
from sqlalchemy import select

from engine.runtime.orders import capture
from engine.runtime.product_changes import change_products, changes_in_flight
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
