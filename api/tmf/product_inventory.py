"""TMF637 Product Inventory: product list and retrieve."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import func, select

from api.auth.scope import party_conditions, visible
from api.errors import ApiError
from api.paging import list_response, paging
from api.permissions import requires
from api.runtime import runtime
from api.serializers.product import serialize_product
from api.serializers.product_order import select_fields
from engine.store.models import Product

bp = Blueprint("tmf637", __name__, url_prefix="/tmf-api/productInventory/v4")
FILTERS = {"status": Product.status, "productOffering.id": Product.offering_id}


@bp.get("/product")
@requires("inventory.read")
def list_products():
    offset, limit = paging()
    conditions = [column == request.args[name] for name, column in FILTERS.items() if name in request.args]
    conditions += party_conditions(Product.party_id)
    with runtime().reading() as session:
        total = session.scalar(select(func.count()).select_from(Product).where(*conditions))
        products = session.execute(select(Product).where(*conditions).order_by(Product.created_at.desc(), Product.id)
                                   .offset(offset).limit(limit)).scalars().all()
        bodies = [select_fields(serialize_product(p), request.args.get("fields")) for p in products]
    return list_response(bodies, total)


@bp.get("/product/<product_id>")
@requires("inventory.read")
def get_product(product_id: str):
    with runtime().reading() as session:
        product = session.get(Product, product_id)
        if product is None or not visible(product.party_id):
            raise ApiError(404, "Not Found", f"no product with id {product_id}")
        return select_fields(serialize_product(product), request.args.get("fields"))
