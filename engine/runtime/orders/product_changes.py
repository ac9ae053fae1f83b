"""Post-fulfilment changes in the inventory: reading the products change items name, and applying a
completed modify, suspend, resume or disconnect to the product, its contract and its entitlements.

Bundled products follow their parent (``parent_id``): a disconnect terminates them, a suspend suspends the
active ones (marked ``suspendedWithParent``) and a resume reactivates those it suspended; their contracts
and entitlements follow too. No early-termination charge is added for them: the pack prices the named
product's contract only (in the demo pack bundled products have no contract of their own)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.lifecycle.changes import (
    DELETE,
    MODIFY,
    RESUME,
    SUSPEND,
    InventoryProduct,
    change_kind,
    product_id,
    state_problem,
)
from engine.lifecycle.items import item_characteristics
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.inventory import RENEWAL_NOTICE, TERM_CHARACTERISTICS, add_months
from engine.runtime.orders.product_family import children
from engine.states import PRODUCT, PRODUCT_ORDER, ProductOrderState, ProductStatus, Stage
from engine.store.models import Contract, CustomerOrder, Entitlement, OrderItem, Product, ProductVersion

OPEN_STATES = tuple(str(state) for state in ProductOrderState if not PRODUCT_ORDER.is_final(state))
ENTITLEMENT_STATUS = {SUSPEND: "suspended", RESUME: "active", DELETE: "ended"}
CASCADING = tuple(ENTITLEMENT_STATUS)
WITH_PARENT = "suspendedWithParent"


def change_products(session: Session, order: dict) -> dict[str, InventoryProduct]:
    """The inventory products the order's change items name, by id (unknown ids are left out)."""
    wanted = {product_id(item) for item in order.get("productOrderItem") or [] if product_id(item)}
    if not wanted:
        return {}
    products = session.execute(select(Product).where(Product.id.in_(wanted))).scalars().all()
    contracts = {c.product_id: c for c in session.execute(
        select(Contract).where(Contract.product_id.in_(wanted)).order_by(Contract.created_at)).scalars()}
    return {p.id: snapshot(p, contracts.get(p.id)) for p in products}


def changes_in_flight(session: Session, order: CustomerOrder, kinds: tuple[str, ...] | None = None) -> dict[str, str]:
    """Product id -> id of another open order of the same party, past capture, that changes that product
    (only with a change of one of ``kinds``, when given)."""
    rows = session.execute(select(OrderItem.payload, CustomerOrder.id).join(CustomerOrder).where(
        CustomerOrder.party_id.is_(None) if order.party_id is None else CustomerOrder.party_id == order.party_id,
        CustomerOrder.id != order.id, CustomerOrder.state.in_(OPEN_STATES), CustomerOrder.stage != Stage.CAPTURED,
        OrderItem.action.in_(("modify", "delete")))).all()
    return {product_id(payload): order_id for payload, order_id in rows
            if product_id(payload) and (kinds is None or change_kind(payload) in kinds)}


def change_problem(session: Session, item: OrderItem) -> str | None:
    """Why a completed change item can no longer be applied (its product is gone, or its status moved
    since capture), or None. The caller holds the product locked."""
    wanted, kind = product_id(item.payload), change_kind(item.payload)
    product = session.get(Product, wanted)
    if product is None:
        return f"item {item.item_id}: product {wanted!r} no longer exists"
    problem = state_problem(kind, product.status)
    return f"item {item.item_id}: cannot {kind} product {wanted!r} any more: {problem}" if problem else None


def snapshot(product: Product, contract: Contract | None) -> InventoryProduct:
    return InventoryProduct(
        id=product.id, party_id=product.party_id, offering_id=product.offering_id, status=product.status,
        characteristics={c["name"]: c.get("value") for c in product.characteristics or [] if "name" in c},
        place=product.place, contract_end=contract.end_date if contract and contract.status == "active" else None,
        contract_term=contract.term_months if contract else None)


def apply_change(uow: UnitOfWork, order: CustomerOrder, item: OrderItem, named: frozenset[str] = frozenset()) -> Product:
    """Apply a completed change item to its product; every transition is checked and audited. A suspend,
    resume or disconnect carries on to the bundled products, except those the order ``named`` itself."""
    product = uow.session.get(Product, product_id(item.payload))
    kind = change_kind(item.payload)
    data = {"orderId": order.id, "itemId": item.item_id}
    if kind == MODIFY:
        modify_product(uow, order, item, product)
    elif kind == DELETE:
        _move(uow, product, ProductStatus.PENDING_TERMINATE, data)
        _move(uow, product, ProductStatus.TERMINATED, data)
        product.payload = {**(product.payload or {}), "terminationDate": iso(uow.now)}
    else:
        _move(uow, product, ProductStatus.SUSPENDED if kind == SUSPEND else ProductStatus.ACTIVE, data)
    if kind in ENTITLEMENT_STATUS:
        _follow(uow, product, kind, data)
        _cascade(uow, product, kind, named, order, item)
    _record(product, order, item)
    return product


def _record(product: Product, order: CustomerOrder, item: OrderItem) -> None:
    changes = [*(product.payload or {}).get("changeOrderItems", []), {
        "orderItemId": item.item_id, "productOrderId": order.id, "orderItemAction": item.action,
        "@referredType": "ProductOrderItem"}]
    product.payload = {**(product.payload or {}), "changeOrderItems": changes}


def _cascade(uow: UnitOfWork, parent: Product, kind: str, named: frozenset[str], order: CustomerOrder,
             item: OrderItem) -> None:
    """The parent's bundled products follow it (at any depth); each move is audited with ``parentId``."""
    data = {"orderId": order.id, "itemId": item.item_id, "parentId": parent.id}
    for child in children(uow.session, parent.id):
        if child.id in named or not _follows(child, kind, parent.id):
            continue
        payload = {k: v for k, v in (child.payload or {}).items() if k != WITH_PARENT}
        if kind == DELETE:
            if child.status != ProductStatus.PENDING_TERMINATE:
                _move(uow, child, ProductStatus.PENDING_TERMINATE, data)
            _move(uow, child, ProductStatus.TERMINATED, data)
            payload["terminationDate"] = iso(uow.now)
        else:
            _move(uow, child, ProductStatus.SUSPENDED if kind == SUSPEND else ProductStatus.ACTIVE, data)
            if kind == SUSPEND:
                payload[WITH_PARENT] = parent.id
        child.payload = payload
        _follow(uow, child, kind, data)
        _record(child, order, item)
        _cascade(uow, child, kind, named, order, item)


def _follows(child: Product, kind: str, parent_id: str) -> bool:
    """Whether a bundled product moves with its parent: not once ended; a resume only reactivates what
    the parent's suspension suspended."""
    if kind == DELETE:
        return not PRODUCT.is_final(child.status)
    if kind == SUSPEND:
        return child.status == ProductStatus.ACTIVE
    return child.status == ProductStatus.SUSPENDED and (child.payload or {}).get(WITH_PARENT) == parent_id


def modify_product(uow: UnitOfWork, order: CustomerOrder, item: OrderItem, product: Product) -> None:
    """New characteristics for the product; the old and the new version go to ``product_versions``."""
    latest = uow.session.scalar(select(func.max(ProductVersion.version)).where(ProductVersion.product_id == product.id))
    if latest is None:
        uow.session.add(ProductVersion(product_id=product.id, version=1, characteristics=product.characteristics,
                                       order_id=product.order_id, order_item_id=product.order_item_id,
                                       valid_from=product.start_date or product.created_at, valid_to=uow.now))
        latest = 1
    else:
        current = uow.session.execute(select(ProductVersion).where(
            ProductVersion.product_id == product.id, ProductVersion.version == latest)).scalar_one()
        current.valid_to = uow.now
    characteristics = [{"name": k, "value": v} for k, v in item_characteristics(item.payload).items()]
    uow.session.add(ProductVersion(product_id=product.id, version=latest + 1, characteristics=characteristics,
                                   order_id=order.id, order_item_id=item.item_id, valid_from=uow.now))
    before = product.characteristics
    product.characteristics, product.updated_at = characteristics, uow.now
    product.payload = {**(product.payload or {}), "productPrice": _new_prices(product, order, item)}
    changed = _changed(before, characteristics)
    uow.audit("product.modified", "product", product.id,
              {"orderId": order.id, "itemId": item.item_id, "version": latest + 1, "changed": sorted(changed)})
    term = next((value for name, value in item_characteristics(item.payload).items()
                 if name in TERM_CHARACTERISTICS and name in changed and str(value).isdigit()), None)
    if term is not None:
        _reterm(uow, product, int(term), {"orderId": order.id, "itemId": item.item_id})


def _reterm(uow: UnitOfWork, product: Product, months: int, data: dict) -> None:
    """A new contract term counts from the contract's start: end, renewal notice and entitlements follow."""
    for contract in uow.session.execute(select(Contract).where(Contract.product_id == product.id,
                                                               Contract.status == "active")).scalars():
        previous = contract.term_months
        contract.term_months, contract.end_date = months, add_months(contract.start_date, months)
        contract.renewal_notice_date = contract.end_date - RENEWAL_NOTICE
        for entitlement in uow.session.execute(select(Entitlement).where(Entitlement.contract_id == contract.id,
                                                                         Entitlement.status != "ended")).scalars():
            entitlement.end_date = contract.end_date
        uow.audit("contract.term_changed", "contract", contract.id, {**data, "from": previous, "to": months})


def _new_prices(product: Product, order: CustomerOrder, item: OrderItem) -> list:
    """The product's prices with its recurring ones replaced by the new configuration's (the modify's
    non-negative lines; the negative ones take the old configuration's away)."""
    kept = [p for p in (product.payload or {}).get("productPrice") or [] if p.get("priceType") != "recurring"]
    priced = ((order.pricing or {}).get("items") or {}).get(item.item_id, {}).get("itemPrice") or []
    return kept + [p for p in priced if p.get("priceType") == "recurring"
                   and not str(p["price"]["dutyFreeAmount"]["value"]).startswith("-")]


def _changed(before: list, after: list) -> set[str]:
    old = {c["name"]: c.get("value") for c in before or []}
    new = {c["name"]: c.get("value") for c in after}
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def _move(uow: UnitOfWork, product: Product, target: ProductStatus, data: dict) -> None:
    previous = product.status
    product.status, product.updated_at = PRODUCT.check(product.status, target), uow.now
    uow.audit(f"product.{target}", "product", product.id, {**data, "from": previous, "to": str(target)})


def _follow(uow: UnitOfWork, product: Product, kind: str, data: dict) -> None:
    """The product's contract and entitlements follow: suspended, active again, or ended early."""
    status = ENTITLEMENT_STATUS[kind]
    for entitlement in uow.session.execute(select(Entitlement).where(Entitlement.product_id == product.id,
                                                                     Entitlement.status != "ended")).scalars():
        entitlement.status = status
        if kind == DELETE and entitlement.end_date > uow.now:
            entitlement.end_date = uow.now
        uow.audit(f"entitlement.{status}", "entitlement", entitlement.id, data)
    if kind != DELETE:
        return
    for contract in uow.session.execute(select(Contract).where(Contract.product_id == product.id,
                                                               Contract.status == "active")).scalars():
        early = contract.end_date > uow.now
        contract.status = "terminated" if early else "ended"
        contract.end_date = min(contract.end_date, uow.now)
        uow.audit("contract.terminated", "contract", contract.id, {**data, "early": early})
