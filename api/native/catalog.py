"""Native catalog endpoints for order capture: the active pack's sellable offerings and one offering's form."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.permissions import requires
from api.read.catalog import OfferingQuery, OfferingSummary, OfferingView, offering_page, offering_view
from api.runtime import runtime

bp = Blueprint("native_catalog", __name__, url_prefix="/api/v1/catalog")


@bp.get("/offerings")
@requires("order.read")
@endpoint(query=OfferingQuery, response=list[OfferingSummary], paged=True)
def list_offerings(query: OfferingQuery) -> Page[OfferingSummary]:
    """Sellable product offerings of the active pack's catalog, by name, with their list prices."""
    with runtime().reading() as session:
        return offering_page(session, query, runtime().clock.now())


@bp.get("/offerings/<offering_id>")
@requires("order.read")
@endpoint(response=OfferingView)
def get_offering(offering_id: str) -> OfferingView:
    """One sellable offering: list prices, the characteristics as a JSON Schema, relationships in words."""
    with runtime().reading() as session:
        return offering_view(session, offering_id, runtime().clock.now())
