"""The order pipeline: each stage interprets the order's pinned rule pack, then hands over to the next.

``advance`` runs stages until one blocks (waiting for a person, a timer, information or a remote
system), all in the caller's transaction, so an order moves as far as it can with one commit. Each
stage runs without autoflush and its writes are flushed together when it ends (batched inserts).

A large order (more than ``ORDO_ORDER_YIELD_ITEMS`` items, 500) yields instead: it runs one stage, then
queues its next ``order.advance`` behind the jobs already queued and commits. Its stages compute before they
write, so a long stage no longer holds the write locks (the audit chain's head, SQLite's database lock) that
every other order's job needs while the next one computes, and the queue interleaves other orders' jobs.
"""
from __future__ import annotations

from engine.instruments import STAGE_SECONDS
from engine.rules.jsonlogic import JsonLogicLimitExceeded
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import records
from engine.runtime.orders.persistence import ADVANCE, lock_order
from engine.runtime.orders.pipeline import (
    approve,
    cancel,
    capture,
    complete,
    decompose,
    enrich,
    fulfil,
    price,
    revise,
)
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import pack_view
from engine.settings import variable
from engine.states import Stage
from engine.store.models import CustomerOrder

STAGES = {
    Stage.CAPTURED: capture.run,
    Stage.ENRICHING: enrich.run,
    Stage.PRICING: price.run,
    Stage.APPROVING: approve.run,
    Stage.DECOMPOSING: decompose.run,
    Stage.FULFILLING: fulfil.run,
    Stage.COMPLETING: complete.run,
    Stage.CANCELLING: cancel.run,
    Stage.REVISING: revise.run,
}
MAX_STAGES_PER_RUN = 20
DEFAULT_YIELD_ITEMS = 500


def advance_order(uow: UnitOfWork, order: CustomerOrder) -> None:
    """Run the order's stages until one blocks or the order ends; a large order runs one stage and queues the
    rest (``yields``).

    A stage that meets a rule going over its limits is undone (its savepoint) and the order falls out
    with a ``ruleError`` record naming the artifact and the place in it; the caller's job succeeds.
    """
    ctx = StageContext(uow, order, pack_view(uow.session, order.pack_id))
    one_stage = yields(order)
    for _ in range(MAX_STAGES_PER_RUN):
        stage = STAGES.get(order.stage)
        try:
            with uow.session.begin_nested(), uow.session.no_autoflush, STAGE_SECONDS.labels(order.stage).time():
                moved_on = stage is not None and stage(ctx)
        except JsonLogicLimitExceeded as error:
            records.open_rule_error(uow, order, error)
            uow.session.flush()
            return
        uow.session.flush()
        if not moved_on:
            return
        if one_stage and order.stage in STAGES:
            uow.enqueue(ADVANCE, {"orderId": order.id})
            return


def yield_items() -> int:
    """``ORDO_ORDER_YIELD_ITEMS``: orders with more items advance a stage per job (0: never)."""
    raw = variable("ORDO_ORDER_YIELD_ITEMS")
    try:
        return int(raw) if raw is not None else DEFAULT_YIELD_ITEMS
    except ValueError:
        return DEFAULT_YIELD_ITEMS


def yields(order: CustomerOrder) -> bool:
    """Whether the order is large enough to advance one stage per job."""
    limit = yield_items()
    return limit > 0 and len((order.payload or {}).get("productOrderItem") or []) > limit


def advance_by_id(uow: UnitOfWork, order_id: str) -> CustomerOrder | None:
    order = lock_order(uow.session, order_id)
    if order is not None:
        advance_order(uow, order)
    return order
