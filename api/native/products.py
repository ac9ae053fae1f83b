"""Native product endpoints: the inventory (customers: their own party's) and changes to a product.

Changes (modify, suspend, resume, disconnect) are previewed and captured as change orders through the same
capture as any order."""
from __future__ import annotations

from flask import Blueprint

from api.auth.scope import visible_or_404
from api.contract import Page, endpoint
from api.native.capture import capture_draft, quote
from api.permissions import requires
from api.read.capture import CapturedView, QuoteView
from api.read.products import (
    ProductChange,
    ProductQuery,
    ProductView,
    change_draft,
    product_page,
    product_view,
)
from api.runtime import runtime
from engine.store.models import Product

bp = Blueprint("native_products", __name__, url_prefix="/api/v1/products")


@bp.get("")
@requires("inventory.read")
@endpoint(query=ProductQuery, response=list[ProductView], paged=True)
def list_products(query: ProductQuery) -> Page[ProductView]:
    """Products, newest first (customers see their own party's only), with contract and monthly price."""
    with runtime().reading() as session:
        return product_page(session, query, runtime().clock.now())


@bp.get("/<product_id>")
@requires("inventory.read")
@endpoint(response=ProductView)
def get_product(product_id: str) -> ProductView:
    """One product (another party's is a 404 for a customer)."""
    with runtime().reading() as session:
        return product_view(session, product_id, runtime().clock.now())


@bp.post("/<product_id>/change-preview")
@requires("order.create")
@endpoint(body=ProductChange, response=QuoteView)
def preview_change(product_id: str, body: ProductChange) -> QuoteView:
    """What a change order would meet: every problem and the price (a disconnect's early-termination charge,
    a modify's monthly delta); stores nothing."""
    draft = _draft(product_id, body)
    return quote(draft, party=draft.party)


@bp.post("/<product_id>/changes")
@requires("order.create")
@endpoint(body=ProductChange, response=CapturedView, status=201)
def change_product(product_id: str, body: ProductChange):
    """Capture the change order (``Idempotency-Key`` honoured as for any order): 201 with its id, 422 with
    every problem when capture refuses it."""
    draft = _draft(product_id, body)
    return capture_draft(draft, party=draft.party)


def _draft(product_id: str, change: ProductChange):
    with runtime().reading() as session:
        return change_draft(visible_or_404(session, Product, product_id, "product"), change)
