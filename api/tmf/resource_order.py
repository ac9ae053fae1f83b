"""TMF652 Resource Ordering: read-only ResourceOrder views of Ordo's ``resource`` domain orders (list, retrieve)."""
from __future__ import annotations

from flask import Blueprint

from api.permissions import requires
from api.serializers.domain_order import RESOURCE_BASE, serialize_resource_order
from api.tmf.domain_orders import get_domain_order, list_domain_orders

bp = Blueprint("tmf652", __name__, url_prefix="/tmf-api/resourceOrderingManagement/v4")


@bp.get("/resourceOrder")
@requires("domainOrder.read")
def list_resource_orders():
    """ResourceOrders with TMF filters, ``fields=``, offset/limit and X-Total-Count / X-Result-Count."""
    return list_domain_orders("resource", serialize_resource_order, RESOURCE_BASE, "ResourceOrder")


@bp.get("/resourceOrder/<resource_order_id>")
@requires("domainOrder.read")
def get_resource_order(resource_order_id: str):
    """One ResourceOrder (``fields=`` applies) with its ETag; 304 when If-None-Match names it."""
    return get_domain_order("resource", serialize_resource_order, resource_order_id, "resourceOrder")
