"""``order.advance``: move an order through its stages as far as it can go now (run until blocked)."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from engine.lifecycle.capture import validate_order
from engine.lifecycle.planning import plan_order
from engine.runtime.context import UnitOfWork
from engine.runtime.orders import ADVANCE, add_note, lock_order, record_trace, set_state
from engine.runtime.packs import pack_view
from engine.runtime.registry import job_handler
from engine.states import DOMAIN_ORDER, DomainOrderState, ProductOrderState, TaskState
from engine.store.models import CustomerOrder, DomainOrder, Task

RUN_TASK = "task.run"


@job_handler(ADVANCE)
def advance(uow: UnitOfWork, payload: dict) -> None:
    order = lock_order(uow.session, payload["orderId"])
    if order is None:
        return
    if order.stage == "captured":
        _validate_and_plan(uow, order)
    elif order.stage == "fulfilling":
        _complete_if_done(uow, order)


def _validate_and_plan(uow: UnitOfWork, order: CustomerOrder) -> None:
    pack = pack_view(uow.session, order.pack_id)
    catalog = pack.bound("catalog")
    result = validate_order(order.payload, pack.catalog, (catalog.key, catalog.version))
    record_trace(uow, order.id, result.trace)
    if not result.accepted:
        reason = "; ".join(r.message for r in result.rejections)
        add_note(uow, order, f"Rejected: {reason}")
        set_state(uow, order, ProductOrderState.REJECTED, stage="rejected", reason=reason,
                  items_to=ProductOrderState.REJECTED)
        return
    plan = plan_order(order.payload, pack.catalog)
    record_trace(uow, order.id, plan.trace)
    for spec in plan.domain_orders:
        _create_domain_order(uow, order, spec)
    set_state(uow, order, ProductOrderState.IN_PROGRESS, stage="fulfilling", items_to=ProductOrderState.IN_PROGRESS)


def _create_domain_order(uow: UnitOfWork, order: CustomerOrder, spec) -> None:
    domain_order = DomainOrder(id=str(uuid.uuid4()), order_id=order.id, domain=spec.domain,
                               fulfilment_system=spec.fulfilment_system, state=DomainOrderState.DRAFT,
                               payload={**spec.payload, "orderItemId": spec.item_id}, created_at=uow.now,
                               updated_at=uow.now)
    domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.SCHEDULED)
    domain_order.state = DOMAIN_ORDER.check(domain_order.state, DomainOrderState.IN_PROGRESS)
    uow.session.add(domain_order)
    uow.session.flush()
    for task_spec in spec.tasks:
        ready = not task_spec.depends_on
        task = Task(id=str(uuid.uuid4()), order_id=order.id, domain_order_id=domain_order.id, key=task_spec.key,
                    name=task_spec.name, type=task_spec.type, handler=task_spec.handler,
                    state=TaskState.READY if ready else TaskState.PENDING, depends_on=list(task_spec.depends_on),
                    params=task_spec.params, assignment_group=task_spec.assignment_group, created_at=uow.now)
        uow.session.add(task)
        if ready:
            uow.enqueue(RUN_TASK, {"taskId": task.id}, key=f"{RUN_TASK}:{task.id}:1")
    uow.audit("domain_order.created", "domainOrder", domain_order.id,
              {"orderId": order.id, "domain": spec.domain, "tasks": [t.key for t in spec.tasks]})


def _complete_if_done(uow: UnitOfWork, order: CustomerOrder) -> None:
    domain_orders = uow.session.execute(select(DomainOrder).where(DomainOrder.order_id == order.id)).scalars().all()
    if any(not DOMAIN_ORDER.is_final(d.state) for d in domain_orders):
        return
    if all(d.state == DomainOrderState.COMPLETED for d in domain_orders):
        set_state(uow, order, ProductOrderState.COMPLETED, stage="completed", items_to=ProductOrderState.COMPLETED)
    else:
        set_state(uow, order, ProductOrderState.FAILED, stage="failed", items_to=ProductOrderState.FAILED)
