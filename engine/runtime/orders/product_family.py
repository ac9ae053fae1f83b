"""Bundled products (``products.parent_id``): reading and locking the family a change touches.

A change order locks every product of the bundles it names (``SELECT ... FOR UPDATE`` in the capture
and completion transactions, ids in order so two orders never deadlock), so two change orders for one
product, or for a parent and its child, are validated one after the other (SQLite serialises writers
anyway)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from engine.store.models import Product

MAX_DEPTH = 10


def lock_family(session: Session, ids: Iterable[str]) -> dict[str, Product]:
    """The named products, their ancestors and descendants (and those of their bundles), locked and fresh."""
    found = {str(i) for i in ids if i}
    frontier = set(found)
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        rows = session.execute(select(Product.id, Product.parent_id).where(
            or_(Product.id.in_(frontier), Product.parent_id.in_(frontier)))).all()
        new = {value for row in rows for value in row if value} - found
        found, frontier = found | new, new
    if not found:
        return {}
    locked = session.execute(select(Product).where(Product.id.in_(found)).order_by(Product.id)
                             .with_for_update().execution_options(populate_existing=True)).scalars()
    return {product.id: product for product in locked}


def children(session: Session, product_id: str) -> list[Product]:
    """The products bundled directly in ``product_id`` (``parent_id``), oldest first."""
    return list(session.execute(select(Product).where(Product.parent_id == product_id)
                                .order_by(Product.created_at, Product.id)).scalars())


def descendants(family: dict[str, Product], product_id: str) -> list[str]:
    """Ids of the products bundled in ``product_id``, at any depth, from a loaded family."""
    found, frontier = [], [product_id]
    while frontier:
        frontier = [p.id for p in family.values() if p.parent_id in frontier and p.id not in found]
        found += frontier
    return found


def ancestors(family: dict[str, Product], product_id: str) -> list[str]:
    """Ids of the products ``product_id`` is bundled in, nearest first, from a loaded family."""
    found, current = [], family.get(product_id)
    while current is not None and current.parent_id and current.parent_id not in found:
        found.append(current.parent_id)
        current = family.get(current.parent_id)
    return found
