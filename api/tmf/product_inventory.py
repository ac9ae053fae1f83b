"""TMF637 Product Inventory: product list and retrieve."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import select

from api.auth.scope import party_conditions, visible_or_404
from api.permissions import requires
from api.runtime import runtime
from api.serializers.product import minimal_product, serialize_product
from api.serializers.product_order import select_fields
from api.tmf.etags import tagged
from api.tmf.listing import Listing, list_resources, row_bodies
from engine.store.models import Product

bp = Blueprint("tmf637", __name__, url_prefix="/tmf-api/productInventory/v4")
# attributes whose serialized value is this column: filtered in SQL (any other attribute: on the representation)
COLUMNS = {"id": Product.id, "status": Product.status, "productOffering.id": Product.offering_id}


@bp.get("/product")
@requires("inventory.read")
def list_products():
    """Products, newest first, with TMF filters, ``fields=``, offset/limit and X-Total/Result-Count."""
    ids = (select(Product.id).where(*party_conditions(Product.party_id))
           .order_by(Product.created_at.desc(), Product.id))
    return list_resources(Listing(ids, COLUMNS, row_bodies(Product, serialize_product, minimal_product)))


@bp.get("/product/<product_id>")
@requires("inventory.read")
def get_product(product_id: str):
    """One Product (``fields=`` applies) with its ETag; 304 when If-None-Match names it."""
    with runtime().reading() as session:
        product = visible_or_404(session, Product, product_id, "product")
        return tagged(select_fields(serialize_product(product), request.args.get("fields")))
