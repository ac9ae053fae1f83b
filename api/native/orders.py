"""Native order endpoints for the workspace."""
from __future__ import annotations

from flask import Blueprint
from sqlalchemy import select

from api.auth.scope import visible_or_404
from api.permissions import requires
from api.runtime import runtime
from api.serializers.workspace import serialize_approval, serialize_task
from engine.clock import iso
from engine.store.models import Approval, CustomerOrder, DomainOrder, OrderTraceEntry, Task

bp = Blueprint("native_orders", __name__, url_prefix="/api/v1/orders")


@bp.get("/<order_id>/trace")
@requires("order.read")
def order_trace(order_id: str):
    with runtime().reading() as session:
        visible_or_404(session, CustomerOrder, order_id, "order")
        entries = session.execute(select(OrderTraceEntry).where(OrderTraceEntry.order_id == order_id)
                                  .order_by(OrderTraceEntry.id)).scalars().all()
        return {"orderId": order_id, "entries": [
            {"at": iso(e.at), "stage": e.stage, "artifact": e.artifact, "version": e.artifact_version,
             "rule": e.rule, "inputs": e.inputs, "decision": e.decision} for e in entries]}


@bp.get("/<order_id>")
@requires("order.read")
def order_detail(order_id: str):
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "order")
        domain_orders = session.execute(select(DomainOrder).where(DomainOrder.order_id == order_id)
                                        .order_by(DomainOrder.created_at, DomainOrder.id)).scalars().all()
        tasks = session.execute(select(Task).where(Task.order_id == order_id)
                                .order_by(Task.created_at, Task.id)).scalars().all()
        return {
            "id": order.id, "state": order.state, "stage": order.stage, "stateReason": order.state_reason,
            "revision": order.revision, "orderDate": iso(order.order_date), "pack": order.pack_id,
            "missingInformation": order.missing_information, "pricing": order.pricing,
            "approvals": [serialize_approval(a) for a in session.execute(
                select(Approval).where(Approval.order_id == order_id).order_by(Approval.created_at)).scalars()],
            "completionDate": iso(order.completion_date),
            "items": [{"id": i.item_id, "action": i.action, "productOffering": i.offering_id,
                       "quantity": i.quantity, "state": i.state} for i in order.items],
            "domainOrders": [{"id": d.id, "ref": d.ref, "domain": d.domain, "fulfilmentSystem": d.fulfilment_system,
                              "state": d.state, "dependsOn": d.depends_on, "plan": d.plan_key,
                              "planVersion": d.plan_version, "missing": d.missing,
                              "lines": d.payload.get("lines", [])} for d in domain_orders],
            "tasks": [serialize_task(t) for t in tasks],
        }
