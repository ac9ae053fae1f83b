"""Auto-task handlers by name (``inventory.activate_product``, …): what an auto task actually does."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from engine.runtime.context import UnitOfWork
from engine.states import PRODUCT, ProductStatus
from engine.store.models import CustomerOrder, DomainOrder, Product, Task


@dataclass
class TaskContext:
    uow: UnitOfWork
    order: CustomerOrder
    task: Task


TaskHandler = Callable[[TaskContext], dict | None]
TASK_HANDLERS: dict[str, TaskHandler] = {}


class UnknownTaskHandler(LookupError):
    pass


def task_handler(name: str) -> Callable[[TaskHandler], TaskHandler]:
    def register(fn: TaskHandler) -> TaskHandler:
        TASK_HANDLERS[name] = fn
        return fn
    return register


def task_handler_for(name: str | None) -> TaskHandler:
    if name not in TASK_HANDLERS:
        raise UnknownTaskHandler(f"no auto-task handler named {name!r}")
    return TASK_HANDLERS[name]


@task_handler("inventory.activate_product")
def activate_product(ctx: TaskContext) -> dict:
    """Create the TMF637 product for the task's order item and make it active."""
    item = next(i for i in ctx.order.items if i.item_id == ctx.task.params["itemId"])
    now = ctx.uow.now
    offering = ctx.uow.session.get(DomainOrder, ctx.task.domain_order_id).payload.get("productOffering") or {}
    product = Product(
        id=str(uuid.uuid4()), party_id=ctx.order.party_id, order_id=ctx.order.id, order_item_id=item.item_id,
        offering_id=item.offering_id, name=offering.get("name") or item.offering_id, status=ProductStatus.CREATED,
        characteristics=list((item.payload.get("product") or {}).get("productCharacteristic") or []),
        payload={"relatedParty": ctx.order.payload.get("relatedParty") or [],
                 "billingAccount": ctx.order.payload.get("billingAccount"),
                 "quantity": item.quantity, "orderItemAction": item.action},
        start_date=now, created_at=now, updated_at=now)
    product.status = PRODUCT.check(product.status, ProductStatus.ACTIVE)
    ctx.uow.session.add(product)
    ctx.uow.audit("product.activated", "product", product.id, {"orderId": ctx.order.id, "itemId": item.item_id})
    return {"productId": product.id}
