"""Persisting orders: capture, state changes with their audit entries, trace."""
from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from engine.clock import iso
from engine.errors import Invalid, NotFound
from engine.lifecycle.trace import TraceEntry
from engine.runtime.context import UnitOfWork
from engine.runtime.events import outbox as events
from engine.runtime.orders.relationships import refuse_broken_relationships
from engine.runtime.packs import active_pack, pack_view
from engine.states import ORDER_ITEM, PRODUCT_ORDER, ProductOrderState, Stage
from engine.store import commit_buffer
from engine.store.models import CustomerOrder, OrderItem, OrderRevision, OrderTraceEntry, RulePack, Task

ADVANCE = "order.advance"
_BY_EXTERNAL_ID = (select(CustomerOrder).where(CustomerOrder.external_id == bindparam("external_id"))
                   .order_by(CustomerOrder.order_date).limit(1))
# built once (no construct or cache key per capture): without a party, and within one
_EXISTING = {True: _BY_EXTERNAL_ID.where(CustomerOrder.party_id.is_(None)),
             False: _BY_EXTERNAL_ID.where(CustomerOrder.party_id == bindparam("party_id"))}
_INSERT_ORDER = insert(CustomerOrder.__table__)
_INSERT_ITEMS = insert(OrderItem.__table__).returning(OrderItem.__table__.c.id, sort_by_parameter_order=True)
_INSERT_REVISION = insert(OrderRevision.__table__)


@dataclass(frozen=True)
class Captured:
    """The order a create request yields; ``replayed`` when it is one captured before for the same request."""

    order: CustomerOrder
    replayed: bool


class ExternalIdReused(Invalid):
    """The ``externalId`` was already used, within the party, for an order with a different request body."""


def capture(uow: UnitOfWork, payload: dict, party_id: str | None = None, pack: RulePack | None = None
            ) -> CustomerOrder:
    """Store a new ProductOrder as ``acknowledged``, pinned to the active pack (or ``pack``), and queue it
    (``capture_or_replay``, without saying whether it was a replay)."""
    return capture_or_replay(uow, payload, party_id, pack).order


def capture_or_replay(uow: UnitOfWork, payload: dict, party_id: str | None = None, pack: RulePack | None = None
                      ) -> Captured:
    """Store a new ProductOrder as ``acknowledged``, pinned to the active pack (or ``pack``), and queue it.

    Idempotent on ``externalId`` within a party, as an Idempotency-Key is: a repeat of the request that
    captured an order with that ``externalId`` (same body as JSON) replays that order, whatever became of it;
    another body is refused (ExternalIdReused, 422, naming the order). Also when two captures race: a unique
    index decides, the loser reads the winner's order and compares (only then is the capture wrapped in a
    savepoint: without an ``externalId`` nothing can collide). An order that breaks a product
    relationship of the catalog (requires, excludes, cardinality; see engine.lifecycle.relationships) is
    refused (Invalid, 422) and nothing is stored.
    """
    existing = existing_order(uow.session, party_id, payload.get("externalId"))
    if existing is not None:
        return _replayed(uow.session, existing, payload)
    _check_items(payload.get("productOrderItem") or [])
    pack = pack or active_pack(uow.session)
    refuse_broken_relationships(uow.session, pack_view(uow.session, pack.id).catalog, payload, party_id)
    if not payload.get("externalId"):
        return Captured(_capture_new(uow, payload, party_id, pack), replayed=False)
    try:
        with uow.session.begin_nested():
            return Captured(_capture_new(uow, payload, party_id, pack), replayed=False)
    except IntegrityError:
        existing = existing_order(uow.session, party_id, payload.get("externalId"))
        if existing is None:
            raise
        return _replayed(uow.session, existing, payload)


def request_hash(payload: dict) -> str:
    """SHA-256 of the body as canonical JSON (key order and whitespace do not matter)."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(session: Session, order: CustomerOrder, payload: dict) -> Captured:
    """``order`` again when ``payload`` is the body that captured it (its first revision); else refused."""
    first = session.scalar(select(OrderRevision.payload).where(OrderRevision.order_id == order.id,
                                                               OrderRevision.revision == 1))
    if first is not None and request_hash(first) != request_hash(payload):
        raise ExternalIdReused(
            f"externalId {order.external_id!r} was already used with a different request body (it created "
            f"productOrder {order.id}, now {order.state}); send a new externalId for a new order, or change "
            f"that order with PATCH", errors=[{"pointer": "/externalId", "code": "external_id_reused",
                                               "message": f"the externalId of productOrder {order.id}, "
                                                          "captured from another body"}])
    return Captured(order, replayed=True)


def _capture_new(uow: UnitOfWork, payload: dict, party_id: str | None, pack: RulePack) -> CustomerOrder:
    order = _store_order(uow, payload, party_id, pack)
    uow.audit("order.captured", "productOrder", order.id, {"pack": f"{pack.key}@{pack.version}",
                                                          "items": len(order.items)})
    events.order_created(uow, order)
    uow.enqueue(ADVANCE, {"orderId": order.id})
    return order


def _store_order(uow: UnitOfWork, payload: dict, party_id: str | None, pack: RulePack) -> CustomerOrder:
    """Insert the new order, its items and its first revision with three prepared statements rather than an ORM
    flush (a third of the CPU), and hand back the order as the ORM would after that flush: persistent in the
    session, every column as stored, its items attached."""
    order_id = str(uuid.uuid4())
    row = {"id": order_id, "external_id": payload.get("externalId"), "party_id": party_id,
           "state": ProductOrderState.ACKNOWLEDGED, "stage": Stage.CAPTURED, "state_reason": None,
           "pack_id": pack.id, "revision": 1, "payload": payload, "notes": list(payload.get("note") or []),
           "pricing": None, "missing_information": None, "order_date": uow.now, "expected_completion_date": None,
           "completion_date": None, "updated_at": uow.now, "lock_version": 1}
    items = [{"order_id": order_id, "item_id": str(item.get("id")), "position": position,
              "action": item.get("action", "add"), "offering_id": (item.get("productOffering") or {}).get("id"),
              "quantity": item.get("quantity", 1), "state": ProductOrderState.ACKNOWLEDGED, "payload": item}
             for position, item in enumerate(payload.get("productOrderItem") or [])]
    uow.session.flush()  # whatever the session holds goes first, as it would in one flush
    connection = uow.session.connection()
    connection.execute(_INSERT_ORDER, row)
    item_ids = connection.execute(_INSERT_ITEMS, items).scalars().all() if items else []
    connection.execute(_INSERT_REVISION, {"order_id": order_id, "revision": 1, "payload": payload, "diff": None,
                                          "actor": uow.actor, "created_at": uow.now})
    order = _persistent(uow.session, CustomerOrder(**row))
    stored = [_persistent(uow.session, OrderItem(id=item_id, **item)) for item_id, item in zip(item_ids, items, strict=True)]
    set_committed_value(order, "items", stored)
    for item in stored:
        set_committed_value(item, "order", order)
    return order


def _persistent(session: Session, instance):
    """``instance`` (every column set, its row just inserted) in the session as if loaded: no SQL."""
    make_transient_to_detached(instance)
    session.add(instance)
    return instance


def _check_items(items: list) -> None:
    """Each item an object, item ids unique: the order's items are stored by id."""
    problems, seen = [], set()
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append({"pointer": f"/productOrderItem/{position}", "code": "type",
                             "message": "an order item is an object"})
        elif str(item.get("id")) in seen:
            problems.append({"pointer": f"/productOrderItem/{position}/id", "code": "duplicate_id",
                             "message": f"item id {item.get('id')!r} is used by an earlier item"})
        else:
            seen.add(str(item.get("id")))
    if problems:
        raise Invalid(f"the order items are not acceptable: {len(problems)} problem(s)", errors=problems)


def existing_order(session: Session, party_id: str | None, external_id: str | None) -> CustomerOrder | None:
    """The order already captured with this ``externalId`` for this party, if any."""
    if not external_id:
        return None
    return session.execute(_EXISTING[party_id is None],
                           {"external_id": external_id, "party_id": party_id}).scalar_one_or_none()


def locked_order(session: Session, order_id: str) -> CustomerOrder:
    """The order, locked for update (``lock_order``); NotFound (404) when there is none."""
    order = lock_order(session, order_id)
    if order is None:
        raise NotFound(f"no productOrder with id {order_id}")
    return order


def find_locked_task(session: Session, task_id: str) -> tuple[CustomerOrder | None, Task | None]:
    """The task and its order, the order locked for update (``lock_order``) and the task read again under the
    lock; (None, None) when there is no such task."""
    task = session.get(Task, task_id)
    if task is None:
        return None, None
    order = lock_order(session, task.order_id)
    session.refresh(task)
    return order, task


def locked_task(session: Session, task_id: str) -> tuple[CustomerOrder, Task]:
    """``find_locked_task``, NotFound (404) when there is no such task."""
    order, task = find_locked_task(session, task_id)
    if task is None:
        raise NotFound(f"no task with id {task_id}")
    return order, task


def lock_order(session: Session, order_id: str) -> CustomerOrder | None:
    """Load an order for update, so jobs on one order never interleave."""
    return session.execute(select(CustomerOrder).where(CustomerOrder.id == order_id).with_for_update()
                           ).scalar_one_or_none()


def set_state(uow: UnitOfWork, order: CustomerOrder, target: ProductOrderState, *, stage: Stage,
              reason: str | None = None, items_to: ProductOrderState | None = None) -> None:
    """Move the order (and optionally every open item) to ``target``; illegal transitions raise.

    ``stateReason`` stays current: a new state takes ``reason`` (none: no reason), the same state keeps its own
    unless a ``reason`` replaces it."""
    previous = order.state
    order.state = PRODUCT_ORDER.check(order.state, target)
    order.stage, order.updated_at = stage, uow.now
    if reason or order.state != previous:
        order.state_reason = reason
    if target in (ProductOrderState.COMPLETED, ProductOrderState.PARTIAL, ProductOrderState.FAILED):
        order.completion_date = uow.now
    for item in order.items if items_to else ():
        if not ORDER_ITEM.is_final(item.state):
            item.state = ORDER_ITEM.check(item.state, items_to)
    uow.audit("order.state_changed", "productOrder", order.id,
              {"from": previous, "to": str(target), "stage": stage, "reason": reason})
    if order.state != previous:
        events.state_changed(uow, order, previous)


def replace_payload(order: CustomerOrder, payload: dict) -> None:
    """Give the order a new working document (enriched or revised); each item follows its counterpart."""
    order.payload = payload
    by_id = {str(item.get("id")): item for item in payload.get("productOrderItem") or []}
    for item in order.items:
        item.payload = by_id.get(item.item_id, item.payload)


def add_note(uow: UnitOfWork, order: CustomerOrder, text: str) -> None:
    order.notes = [*order.notes, {"author": "Ordo", "date": iso(uow.now), "text": text}]


def record_trace(uow: UnitOfWork, order_id: str, entries: list[TraceEntry]) -> None:
    """Add trace entries to the transaction; all of a transaction's entries are written in one multi-row INSERT
    when it commits (``engine.store.commit_buffer``), and dropped with a stage's savepoint if it is undone."""
    for e in entries:
        commit_buffer.add(uow.session, TRACE, {
            "order_id": order_id, "at": uow.now, "stage": e.stage, "artifact": e.artifact,
            "artifact_version": e.version, "rule": e.rule, "inputs": e.inputs, "decision": e.decision})


def pending_trace(session: Session, order_id: str) -> list[dict]:
    """The order's trace rows added in the current transaction and not yet written (a simulation, which rolls
    back, reads its trace here)."""
    return [row for row in commit_buffer.pending(session, TRACE) if row["order_id"] == order_id]


def _write_trace(session: Session, rows: list[dict]) -> None:
    session.execute(insert(OrderTraceEntry.__table__), rows)


TRACE = "order_trace"
commit_buffer.register(TRACE, _write_trace)
