"""Capture writes the order, its items and its first revision without an ORM flush: the order it hands back must
be what the ORM would have: persistent, every column as stored, its items attached, usable without SQL."""
from contextlib import contextmanager

from sqlalchemy import event, inspect, select

from engine.runtime.orders.persistence import capture, set_state
from engine.states import ProductOrderState, Stage
from engine.store.models import CustomerOrder, OrderItem, OrderRevision
from tests.api.tmf.test_product_order import order_for


def _columns(instance) -> dict:
    return {attr.key: getattr(instance, attr.key) for attr in inspect(type(instance)).column_attrs}


@contextmanager
def _statements(runtime):
    seen = []

    def log(_connection, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        event.remove(runtime.engine, "before_cursor_execute", log)


def test_the_captured_order_is_persistent_complete_and_as_stored(runtime, demo_pack):
    body = {**order_for("fibre-500"), "note": [{"text": "ring twice"}]}
    with runtime.unit_of_work("t") as uow:
        order = capture(uow, body)
        with _statements(runtime) as seen:
            assert inspect(order).persistent and not inspect(order).unloaded
            assert [item.item_id for item in order.items] == [str(i["id"]) for i in body["productOrderItem"]]
            assert all(inspect(item).persistent and not inspect(item).unloaded and item.order is order
                       for item in order.items)
            in_memory = _columns(order), [_columns(item) for item in order.items]
        assert seen == []  # reading it all back needed no SQL
    with runtime.reading() as session:
        stored = session.get(CustomerOrder, order.id)
        assert in_memory == (_columns(stored), [_columns(item) for item in stored.items])
        revision = session.scalars(select(OrderRevision).where(OrderRevision.order_id == order.id)).one()
        assert (revision.revision, revision.payload, revision.actor, revision.diff) == (1, body, "t", None)
        assert stored.lock_version == 1 and stored.notes == body["note"]


def test_the_captured_order_changes_like_a_loaded_one(runtime, demo_pack):
    with runtime.unit_of_work("t") as uow:
        order = capture(uow, order_for("fibre-500"))
        set_state(uow, order, ProductOrderState.IN_PROGRESS, stage=Stage.CAPTURED,
                  items_to=ProductOrderState.IN_PROGRESS)
        uow.session.flush()
        assert order.lock_version == 2
    with runtime.reading() as session:
        stored = session.get(CustomerOrder, order.id)
        assert stored.state == ProductOrderState.IN_PROGRESS and stored.lock_version == 2
        assert {item.state for item in session.scalars(select(OrderItem).where(OrderItem.order_id == order.id))} \
            == {ProductOrderState.IN_PROGRESS}
