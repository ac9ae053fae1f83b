"""TMF641 Service Ordering: read-only ServiceOrder views of Ordo's ``service`` domain orders (list, retrieve)."""
from __future__ import annotations

from flask import Blueprint

from api.permissions import requires
from api.serializers.domain_order import SERVICE_BASE, serialize_service_order
from api.tmf.domain_orders import get_domain_order, list_domain_orders

bp = Blueprint("tmf641", __name__, url_prefix="/tmf-api/serviceOrdering/v4")


@bp.get("/serviceOrder")
@requires("domainOrder.read")
def list_service_orders():
    """ServiceOrders with TMF filters, ``fields=``, offset/limit and X-Total-Count / X-Result-Count."""
    return list_domain_orders("service", serialize_service_order, SERVICE_BASE, "ServiceOrder")


@bp.get("/serviceOrder/<service_order_id>")
@requires("domainOrder.read")
def get_service_order(service_order_id: str):
    """One ServiceOrder (``fields=`` applies) with its ETag; 304 when If-None-Match names it."""
    return get_domain_order("service", serialize_service_order, service_order_id, "serviceOrder")
