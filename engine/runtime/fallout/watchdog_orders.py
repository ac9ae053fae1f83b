"""The watchdog for orders: an open order that nothing will move on gets one ``stuck`` fallout record.

An order sitting in a stage that one ``order.advance`` job runs through (``JOB_STAGES``: captured,
enriching, pricing, approving, decomposing, completing) is stuck when no such job is queued or leased for it: its job failed for good
or is gone. An ``inProgress`` order is stuck when nothing is left to move it: no ready, running, waiting
(person or timer) task, no task held for a system that is down, no open fallout record and no queued
``order.advance`` job. The record has no task; it is cleared when the order has moved on (another stage or state, or final).
"""
from __future__ import annotations

from sqlalchemy import select

from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import records
from engine.runtime.jobs.periodic import item_failed
from engine.runtime.jobs.queue import FAILED, LEASED, QUEUED
from engine.runtime.orders.persistence import ADVANCE, lock_order
from engine.states import JOB_STAGES, PRODUCT_ORDER, ProductOrderState, TaskState
from engine.store.models import CustomerOrder, FalloutRecord, HeldTask, Job, Task

ACTIVE = (ProductOrderState.ACKNOWLEDGED, ProductOrderState.IN_PROGRESS)
MOVING = (TaskState.READY, TaskState.RUNNING, TaskState.WAITING)


def scan_orders(uow: UnitOfWork) -> None:
    """Raise a ``stuck`` record for each newly stuck order (each checked again under its lock)."""
    for order_id in candidates(uow.session):
        order = lock_order(uow.session, order_id)
        try:
            reason = why_stuck(uow.session, order) if order is not None else None
        except Exception as error:  # noqa: BLE001 - one order that cannot be judged does not stop the others
            item_failed(uow, f"order {order_id}", error)
            continue
        if reason:
            records.open_order_stuck(uow, order, reason)


def candidates(session) -> list[str]:
    """Open orders that look stuck at a glance and have no open order-level record (in bulk queries)."""
    rows = session.execute(select(CustomerOrder.id, CustomerOrder.stage, CustomerOrder.state)
                           .where(CustomerOrder.state.in_(ACTIVE)).order_by(CustomerOrder.order_date)).all()
    owned = _ids(session, select(FalloutRecord.order_id).where(FalloutRecord.state == records.OPEN,
                                                                FalloutRecord.task_id.is_(None)))
    with_fallout = _ids(session, select(FalloutRecord.order_id).where(FalloutRecord.state == records.OPEN))
    busy = _ids(session, select(Task.order_id).where(Task.state.in_(MOVING))) | _ids(
        session, select(HeldTask.order_id))
    queued = {job.get("orderId") for job in session.execute(select(Job.payload).where(
        Job.kind == ADVANCE, Job.state.in_((QUEUED, LEASED)))).scalars()}
    return [order_id for order_id, stage, state in rows if order_id not in owned and order_id not in queued and (
        stage in JOB_STAGES or (state == ProductOrderState.IN_PROGRESS and order_id not in busy | with_fallout))]


def _ids(session, query) -> set[str]:
    return set(session.execute(query.distinct()).scalars())


def why_stuck(session, order: CustomerOrder) -> str | None:
    """Why this order cannot move, or None when something will still move it."""
    if order.state not in ACTIVE:
        return None
    jobs = session.execute(select(Job.state, Job.last_error).where(
        Job.kind == ADVANCE, Job.payload["orderId"].as_string() == order.id, Job.state != "done")
        .order_by(Job.id)).all()
    if any(job.state in (QUEUED, LEASED) for job in jobs):
        return None
    failed = [job for job in jobs if job.state == FAILED]
    if order.stage in JOB_STAGES:
        if failed:
            return f"order in stage {order.stage}: its {ADVANCE} job failed for good: " \
                   f"{failed[-1].last_error or 'no error'}"
        return f"order in stage {order.stage}: no {ADVANCE} job moves it on"
    if order.state != ProductOrderState.IN_PROGRESS or _has_open_work(session, order.id):
        return None
    return f"inProgress order in stage {order.stage}: no open task, no open fallout and no queued job moves it on"


def _has_open_work(session, order_id: str) -> bool:
    task = session.execute(select(Task.id).where(Task.order_id == order_id, Task.state.in_(MOVING)).limit(1)).first()
    held = session.execute(select(HeldTask.task_id).where(HeldTask.order_id == order_id).limit(1)).first()
    record = session.execute(select(FalloutRecord.id).where(
        FalloutRecord.order_id == order_id, FalloutRecord.state == records.OPEN).limit(1)).first()
    return task is not None or held is not None or record is not None


def clear_moved_on(uow: UnitOfWork, record: FalloutRecord) -> None:
    """Resolve an order-level ``stuck`` record as ``cleared`` once its order has ended or moved on."""
    order = uow.session.get(CustomerOrder, record.order_id)
    details = record.details or {}
    if PRODUCT_ORDER.is_final(order.state) or (order.state, order.stage) != (details.get("orderState"),
                                                                              details.get("stage")):
        records.resolve(uow, record, "cleared", f"order is {order.state} in stage {order.stage} now")
