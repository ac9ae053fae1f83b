"""Product inventory, contracts and entitlements created when orders complete."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from engine.lifecycle.items import item_characteristics
from engine.runtime.context import UnitOfWork
from engine.states import PRODUCT, ProductStatus
from engine.store.models import Contract, CustomerOrder, Entitlement, OrderItem, Product

RENEWAL_NOTICE = timedelta(days=90)
DEFAULT_TERM_MONTHS = 12
TERM_CHARACTERISTICS = ("term", "contractTerm", "termMonths")


def product_for_item(uow: UnitOfWork, order: CustomerOrder, item: OrderItem) -> Product | None:
    return uow.session.execute(select(Product).where(Product.order_id == order.id,
                                                     Product.order_item_id == item.item_id)).scalar_one_or_none()


def products_of(uow: UnitOfWork, order: CustomerOrder) -> dict[str, Product]:
    """The order's products by order item id, in one query."""
    return {product.order_item_id: product for product in uow.session.execute(
        select(Product).where(Product.order_id == order.id)).scalars()}


def run_products(ctx) -> dict[str, Product]:
    """The order's products by item id, read once per stage run (``ctx``: its StageContext); ``create_product``
    adds those it creates when given them as ``existing``."""
    return ctx.keep("products", lambda: products_of(ctx.uow, ctx.order))


def create_product(uow: UnitOfWork, order: CustomerOrder, item: OrderItem, *, name: str | None = None,
                   parent_id: str | None = None, existing: dict[str, Product] | None = None) -> Product:
    """The item's product, created active (once: a second call returns the same product). ``existing``: the
    order's products by item id (``products_of``), kept up to date here, instead of a query per item."""
    found = existing.get(item.item_id) if existing is not None else product_for_item(uow, order, item)
    if found is not None:
        return found
    payload = {"relatedParty": order.payload.get("relatedParty") or [],
               "billingAccount": order.payload.get("billingAccount"), "quantity": item.quantity,
               "orderItemAction": item.action,
               "productPrice": ((order.pricing or {}).get("items") or {}).get(item.item_id, {}).get("itemPrice", [])}
    product_body = item.payload.get("product") or {}
    product = Product(
        id=str(uuid.uuid4()), party_id=order.party_id, order_id=order.id, order_item_id=item.item_id,
        parent_id=parent_id, offering_id=item.offering_id, name=name or _offering_name(item),
        status=ProductStatus.CREATED, place=product_body.get("place") or item.payload.get("place"),
        characteristics=[{"name": k, "value": v} for k, v in item_characteristics(item.payload).items()],
        payload=payload, start_date=uow.now, created_at=uow.now, updated_at=uow.now)
    product.status = PRODUCT.check(product.status, ProductStatus.ACTIVE)
    uow.session.add(product)
    if existing is not None:
        existing[item.item_id] = product
    uow.audit("product.activated", "product", product.id, {"orderId": order.id, "itemId": item.item_id})
    return product


def terminate_product(uow: UnitOfWork, order: CustomerOrder, item: OrderItem) -> Product | None:
    """End the item's active product (its order was cancelled or revised); None when there is none."""
    product = product_for_item(uow, order, item)
    if product is None or PRODUCT.is_final(product.status):
        return product
    for status in (ProductStatus.PENDING_TERMINATE, ProductStatus.TERMINATED):
        product.status = PRODUCT.check(product.status, status)
    product.updated_at = uow.now
    uow.audit("product.terminated", "product", product.id, {"orderId": order.id, "itemId": item.item_id})
    return product


def _offering_name(item: OrderItem) -> str:
    return (item.payload.get("productOffering") or {}).get("name") or item.offering_id


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                           31, 31, 30, 31, 30, 31][month - 1])
    return moment.replace(year=year, month=month, day=day)


def create_contract(uow: UnitOfWork, order: CustomerOrder, product: Product, term_months: int) -> Contract:
    end = add_months(uow.now, term_months)
    contract = Contract(id=str(uuid.uuid4()), order_id=order.id, product=product, party_id=order.party_id,
                        term_months=term_months, start_date=uow.now, end_date=end,
                        renewal_notice_date=end - RENEWAL_NOTICE, status="active", created_at=uow.now)
    uow.session.add(contract)
    uow.audit("contract.created", "contract", contract.id, {"productId": product.id, "termMonths": term_months})
    return contract


def create_entitlement(uow: UnitOfWork, contract: Contract, product: Product, specification) -> Entitlement:
    entitlement = Entitlement(id=str(uuid.uuid4()), contract=contract, product=product,
                              specification_id=specification.id, name=specification.name,
                              start_date=contract.start_date, end_date=contract.end_date, status="active")
    uow.session.add(entitlement)
    return entitlement
