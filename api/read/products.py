"""Inventory products as the portal and the workspace show them: state, offering, characteristics, contract and
the monthly price of the current configuration; and a product change as an order draft."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.scope import party_conditions, visible_or_404
from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read.capture import DraftItem, OrderDraft
from engine.lifecycle.pricing import price_order
from engine.runtime.packs import NoActivePack, PackView, active_pack, pack_view
from engine.store.models import Contract, Product

ChangeAction = Literal["modify", "suspend", "resume", "disconnect"]
SORTS = {"createdAt": Product.created_at, "status": Product.status, "offering": Product.offering_id}


class ContractView(Model):
    term_months: int
    start_date: Timestamp
    end_date: Timestamp
    status: str


class ProductView(Model):
    id: str
    name: str
    offering: str
    status: str
    party_id: str | None
    parent_id: str | None = Field(description="the product it is bundled in")
    characteristics: dict[str, Any]
    place: list[dict[str, Any]] | None
    start_date: Timestamp | None
    order_id: str | None = Field(description="the order that created it")
    contract: ContractView | None
    monthly_price: str | None = Field(description="recurring monthly charge of the current configuration")
    currency: str | None


class ProductQuery(ListQuery):
    sort: sort_by("createdAt", "status", "offering") | None = Field(None, description="default: newest first")
    party: str | None = Field(None, max_length=64, description="customer party id (staff)")
    status: str | None = Field(None, max_length=32)
    offering: str | None = Field(None, max_length=200)


class ProductChange(Model):
    action: ChangeAction
    characteristics: dict[str, Any] = Field(default_factory=dict, description="the characteristics a modify sets")


def product_page(session: Session, query: ProductQuery, now: datetime) -> Page[ProductView]:
    """The products the caller may see (customers: their party's), filtered, a page of them."""
    conditions = [*party_conditions(Product.party_id)]
    for column, value in ((Product.party_id, query.party), (Product.status, query.status),
                          (Product.offering_id, query.offering)):
        if value is not None:
            conditions.append(column == value)
    total = session.scalar(select(func.count()).select_from(Product).where(*conditions))
    column = SORTS.get(query.sort_key or "createdAt", Product.created_at)
    order = query.ordered(column) if query.sort else Product.created_at.desc()
    rows = session.execute(select(Product).where(*conditions).order_by(order, Product.id)
                           .offset(query.offset).limit(query.limit)).scalars().all()
    return Page(views(session, rows, now), total)


def product_view(session: Session, product_id: str, now: datetime) -> ProductView:
    """One product the caller may see; 404 otherwise."""
    return views(session, [visible_or_404(session, Product, product_id, "product")], now)[0]


def views(session: Session, products: list[Product], now: datetime) -> list[ProductView]:
    """The products with their contracts and current monthly prices."""
    ids = [p.id for p in products]
    contracts = {c.product_id: c for c in session.execute(select(Contract).where(Contract.product_id.in_(ids))
                                                          .order_by(Contract.created_at, Contract.id)).scalars()}
    pack = _pack(session)
    return [_view(p, contracts.get(p.id), pack, now) for p in products]


def _pack(session: Session) -> PackView | None:
    try:
        return pack_view(session, active_pack(session).id)
    except NoActivePack:
        return None


def _view(product: Product, contract: Contract | None, pack: PackView | None, now: datetime) -> ProductView:
    monthly, currency = monthly_price(pack, product, now) if pack is not None else (None, None)
    return ProductView(
        id=product.id, name=product.name, offering=product.offering_id, status=product.status,
        party_id=product.party_id, parent_id=product.parent_id,
        characteristics={c["name"]: c.get("value") for c in product.characteristics or [] if "name" in c},
        place=product.place, start_date=product.start_date, order_id=product.order_id,
        contract=ContractView(term_months=contract.term_months, start_date=contract.start_date,
                              end_date=contract.end_date, status=contract.status) if contract else None,
        monthly_price=None if monthly is None else str(monthly), currency=currency)


def monthly_price(pack: PackView, product: Product, now: datetime) -> tuple[Decimal | None, str | None]:
    """The monthly charge the pack's prices give the product's current configuration (as an add item)."""
    binding = pack.bindings.get("pricing")
    if not binding or pack.catalog.offering(product.offering_id) is None:
        return None, None
    item = {"id": "1", "action": "add", "quantity": 1, "productOffering": {"id": product.offering_id},
            "product": {"productCharacteristic": list(product.characteristics or []),
                        **({"place": product.place} if product.place else {})}}
    result = price_order({"productOrderItem": [item]}, catalog=pack.catalog,
                         price_list=pack.compiled(binding["priceList"]),
                         matrices=tuple(pack.compiled(key) for key in binding.get("matrices", [])),
                         at=now)
    if "1" not in result.items:
        return None, result.currency
    return result.total("recurring", "month"), result.currency


def change_draft(product: Product, change: ProductChange) -> OrderDraft:
    """The order draft of a change to ``product`` (for the product's own party)."""
    return OrderDraft(party=product.party_id, items=[DraftItem(action=change.action, product=product.id,
                                                               characteristics=change.characteristics)])
