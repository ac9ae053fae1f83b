"""Inventory handlers: product activation and its undoing, reservations and their release."""
from __future__ import annotations

import hashlib

from engine.runtime.orders.inventory import create_product, run_products, terminate_product
from engine.runtime.tasks.handlers.registry import TaskContext, task_handler


@task_handler("inventory.activate_product")
def activate_product(ctx: TaskContext) -> dict:
    """Create the task's order item as an active TMF637 product (idempotent per order item)."""
    item = next(i for i in ctx.order.items if i.item_id == ctx.task.params["itemId"])
    offering = ctx.pack.catalog.offering(item.offering_id)
    product = create_product(ctx.uow, ctx.order, item, name=offering.name if offering else None,
                             existing=run_products(ctx.run) if ctx.run is not None else None)
    return {"productId": product.id}


@task_handler("inventory.deactivate_product")
def deactivate_product(ctx: TaskContext) -> dict:
    """Undo ``inventory.activate_product``: the item's product is terminated (idempotent)."""
    item = next(i for i in ctx.order.items if i.item_id == ctx.task.params["itemId"])
    product = terminate_product(ctx.uow, ctx.order, item)
    return {"productId": product.id if product else None, "status": product.status if product else None}


@task_handler("inventory.reserve")
def reserve(ctx: TaskContext) -> dict:
    """Reserve a resource; the reservation id is derived from the task, so a re-run reserves the same one."""
    digest = hashlib.sha256(f"{ctx.task.id}:{ctx.task.key}".encode()).hexdigest()[:12]
    return {"reservationId": f"rsv-{digest}", **{k: v for k, v in ctx.task.params.items()
                                                 if isinstance(v, str | int | float | bool)}}


@task_handler("inventory.release")
def release(ctx: TaskContext) -> dict:
    return {"released": True}
