"""Idempotent order capture: an ``Idempotency-Key`` sent with a create request yields one order, ever.

The first request with a key captures the order and records the key with a hash of the request body; a
repeat with the same key in the same scope gets that order back (``replayed``), a repeat with another body is
refused. Concurrent first requests race on the unique (scope, key) index: the loser rolls back its capture and
reads the winner's order. A new key for a request whose ``externalId`` names an order already captured from
the same body records the key for that order and replays it (see ``orders.capture_or_replay``).
"""
from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from engine.errors import Invalid
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.persistence import Captured, capture_or_replay, request_hash
from engine.store.models import CustomerOrder, IdempotencyKey

MAX_KEY_LENGTH = 255
_KEY = select(IdempotencyKey).where(IdempotencyKey.scope == bindparam("scope"),
                                    IdempotencyKey.key == bindparam("key"))  # built once, used as is


class KeyReused(Invalid):
    """The key was already used for a request with a different body."""


def capture_once(uow: UnitOfWork, payload: dict, *, party_id: str | None, scope: str, key: str) -> Captured:
    """Capture ``payload`` unless ``key`` was used before in ``scope``; then return the order it created."""
    digest = request_hash(payload)
    recorded = _recorded(uow, scope, key, digest)
    if recorded is not None:
        return recorded
    try:
        with uow.session.begin_nested():
            captured = capture_or_replay(uow, payload, party_id=party_id)
            uow.session.add(IdempotencyKey(scope=scope, key=key, request_hash=digest, order_id=captured.order.id,
                                           created_at=uow.now))
            uow.session.flush()
    except IntegrityError:
        recorded = _recorded(uow, scope, key, digest)
        if recorded is None:
            raise
        return recorded
    return captured


def _recorded(uow: UnitOfWork, scope: str, key: str, digest: str) -> Captured | None:
    row = uow.session.execute(_KEY, {"scope": scope, "key": key}).scalar_one_or_none()
    if row is None:
        return None
    if row.request_hash != digest:
        raise KeyReused(f"Idempotency-Key {key!r} was already used with a different request body (it created "
                        f"productOrder {row.order_id}); send a new key for a new order",
                        errors=[{"pointer": "header:Idempotency-Key", "code": "idempotency_key_reused",
                                 "message": "the key was used with a different body"}])
    return Captured(uow.session.get(CustomerOrder, row.order_id), replayed=True)
