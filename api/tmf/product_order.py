"""TMF622 Product Ordering: productOrder create, list and retrieve."""
from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.auth.scope import ordering_party, party_conditions, visible_or_404
from api.errors import ApiError
from api.permissions import actor, requires
from api.runtime import runtime
from api.serializers.product_order import order_href, select_fields, serialize_order
from api.tmf.listing import list_resources
from api.tmf.validation import validate_tmf
from engine.runtime.cancellation import withdraw_order
from engine.runtime.orders import capture
from engine.runtime.packs import NoActivePack
from engine.runtime.revisions import supply_information
from engine.store.models import CustomerOrder

bp = Blueprint("tmf622", __name__, url_prefix="/tmf-api/productOrderingManagement/v4")
SPEC = "TMF622-ProductOrder-v4.0.0.swagger.json"
# attributes whose serialized value is this column: filtered in SQL (any other attribute: on the representation)
COLUMNS = {"id": CustomerOrder.id, "state": CustomerOrder.state, "externalId": CustomerOrder.external_id}


@bp.post("/productOrder")
@requires("order.create")
def create_product_order():
    body = request.get_json(silent=True)
    validate_tmf(body, SPEC, "ProductOrder_Create")
    try:
        with runtime().unit_of_work(actor()) as uow:
            order = capture(uow, body, party_id=ordering_party(uow.session, body))
            representation = serialize_order(order)
    except NoActivePack as error:
        raise ApiError(503, "Service Unavailable", str(error)) from error
    return representation, 201, {"Location": order_href(order.id)}


@bp.get("/productOrder")
@requires("order.read")
def list_product_orders():
    statement = (select(CustomerOrder).where(*party_conditions(CustomerOrder.party_id))
                 .options(selectinload(CustomerOrder.items))
                 .order_by(CustomerOrder.order_date.desc(), CustomerOrder.id))
    return list_resources(statement, serialize_order, COLUMNS)


@bp.get("/productOrder/<order_id>")
@requires("order.read")
def get_product_order(order_id: str):
    with runtime().reading() as session:
        order = visible_or_404(session, CustomerOrder, order_id, "productOrder")
        return select_fields(serialize_order(order), request.args.get("fields"))


@bp.patch("/productOrder/<order_id>")
@requires("order.update")
def patch_product_order(order_id: str):
    """Merge-PATCH; today it supplies information a pending order or a waiting domain order needs."""
    patch = request.get_json(silent=True)
    if not isinstance(patch, dict):
        raise ApiError(400, "Bad Request", "the body must be a JSON merge-patch object")
    with runtime().unit_of_work(actor()) as uow:
        visible_or_404(uow.session, CustomerOrder, order_id, "productOrder")
        order = supply_information(uow, order_id, patch)
        return serialize_order(order)


@bp.delete("/productOrder/<order_id>")
@requires("order.cancel")
def delete_product_order(order_id: str):
    """Withdraw an order not yet in progress (it ends ``cancelled``, kept for audit); 409 otherwise."""
    with runtime().unit_of_work(actor()) as uow:
        visible_or_404(uow.session, CustomerOrder, order_id, "productOrder")
        withdraw_order(uow, order_id)
    return "", 204
