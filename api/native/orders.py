"""Native order endpoints for the workspace."""
from __future__ import annotations

from flask import Blueprint
from sqlalchemy import select

from api.errors import ApiError
from api.permissions import requires
from api.runtime import runtime
from engine.clock import iso
from engine.store.models import CustomerOrder, DomainOrder, OrderTraceEntry, Task

bp = Blueprint("native_orders", __name__, url_prefix="/api/v1/orders")


@bp.get("/<order_id>/trace")
@requires("order.read")
def order_trace(order_id: str):
    with runtime().reading() as session:
        if session.get(CustomerOrder, order_id) is None:
            raise ApiError(404, "Not Found", f"no order with id {order_id}")
        entries = session.execute(select(OrderTraceEntry).where(OrderTraceEntry.order_id == order_id)
                                  .order_by(OrderTraceEntry.id)).scalars().all()
        return {"orderId": order_id, "entries": [
            {"at": iso(e.at), "stage": e.stage, "artifact": e.artifact, "version": e.artifact_version,
             "rule": e.rule, "inputs": e.inputs, "decision": e.decision} for e in entries]}


@bp.get("/<order_id>")
@requires("order.read")
def order_detail(order_id: str):
    with runtime().reading() as session:
        order = session.get(CustomerOrder, order_id)
        if order is None:
            raise ApiError(404, "Not Found", f"no order with id {order_id}")
        domain_orders = session.execute(select(DomainOrder).where(DomainOrder.order_id == order_id)
                                        .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
        tasks = session.execute(select(Task).where(Task.order_id == order_id)
                                .order_by(Task.created_at, Task.id)).scalars().all()
        return {
            "id": order.id, "state": order.state, "stage": order.stage, "stateReason": order.state_reason,
            "revision": order.revision, "orderDate": iso(order.order_date),
            "completionDate": iso(order.completion_date),
            "items": [{"id": i.item_id, "action": i.action, "productOffering": i.offering_id,
                       "quantity": i.quantity, "state": i.state} for i in order.items],
            "domainOrders": [{"id": d.id, "domain": d.domain, "fulfilmentSystem": d.fulfilment_system,
                              "state": d.state, "orderItemId": d.payload.get("orderItemId")} for d in domain_orders],
            "tasks": [{"id": t.id, "domainOrderId": t.domain_order_id, "key": t.key, "name": t.name,
                       "type": t.type, "state": t.state, "attempt": t.attempt, "output": t.output,
                       "startedAt": iso(t.started_at), "completedAt": iso(t.completed_at)} for t in tasks],
        }
