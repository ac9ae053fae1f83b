"""capture_once and the unique indexes behind idempotent capture (the API side: test_product_order_idempotency)."""
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from engine.runtime.orders.idempotency import KeyReused, capture_once, request_hash
from engine.runtime.orders.persistence import ExternalIdReused, capture_or_replay
from engine.store.models import CustomerOrder, IdempotencyKey
from tests.api.tmf.test_product_order import order_for


def test_the_hash_ignores_key_order_but_not_values():
    assert request_hash({"a": 1, "b": [1, 2]}) == request_hash({"b": [1, 2], "a": 1})
    assert request_hash({"a": 1}) != request_hash({"a": "1"})


def test_capture_once_records_the_key_and_replays_or_refuses(runtime, demo_pack):
    body = order_for("fibre-500")
    with runtime.unit_of_work("t") as uow:
        first = capture_once(uow, body, party_id=None, scope="user:t", key="k1")
        first_id = first.order.id
    assert not first.replayed
    with runtime.unit_of_work("t") as uow:
        again = capture_once(uow, body, party_id=None, scope="user:t", key="k1")
        assert again.replayed and again.order.id == first_id
        with pytest.raises(KeyReused, match="different request body") as refused:
            capture_once(uow, {**body, "description": "other"}, party_id=None, scope="user:t", key="k1")
        assert refused.value.status == 422
        other_scope = capture_once(uow, body, party_id=None, scope="user:u", key="k1")
        assert not other_scope.replayed and other_scope.order.id != first_id
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(IdempotencyKey)) == 2


def _raw_order(uow, party_id, external_id):
    uow.session.add(CustomerOrder(id=str(uuid.uuid4()), external_id=external_id, party_id=party_id,
                                  state="acknowledged", stage="captured", payload={}, order_date=uow.now,
                                  updated_at=uow.now))
    uow.session.flush()


@pytest.mark.parametrize("party_id", [None, "p-1"])
def test_the_database_refuses_a_second_order_with_one_external_id_per_party(runtime, make_user, party_id):
    make_user("someone", "customer", "p-1")
    with runtime.unit_of_work("t") as uow:
        _raw_order(uow, None, "ext-1")
        _raw_order(uow, "p-1", "ext-1")  # another party (or none) is another scope
        _raw_order(uow, party_id, None)
        _raw_order(uow, party_id, None)  # orders without externalId never collide
    with pytest.raises(IntegrityError), runtime.unit_of_work("t") as uow:
        _raw_order(uow, party_id, "ext-1")


def test_capture_or_replay_replays_the_same_external_id_and_body_and_refuses_another(runtime, demo_pack):
    body = order_for("fibre-500", externalId="ext-9")
    with runtime.unit_of_work("t") as uow:
        first = capture_or_replay(uow, body)
        first_id = first.order.id
    assert not first.replayed
    with runtime.unit_of_work("t") as uow:
        again = capture_or_replay(uow, dict(reversed(list(body.items()))))
        assert again.replayed and again.order.id == first_id
        with pytest.raises(ExternalIdReused, match=f"productOrder {first_id}") as refused:
            capture_or_replay(uow, {**body, "description": "other"})
        assert refused.value.status == 422 and refused.value.errors[0]["pointer"] == "/externalId"
        assert not capture_or_replay(uow, {**body, "externalId": "ext-10"}).replayed
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(CustomerOrder)) == 2
