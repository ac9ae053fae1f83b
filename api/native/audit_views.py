"""The auditor's reads beyond the log itself: a rule version's usage (packs pinning it, orders on them) and an
order's "why" (provenance of every price line and task). Read-only, under audit.read."""
from __future__ import annotations

from flask import Blueprint

from api.contract import Page, endpoint
from api.permissions import requires
from api.read.audit_usage import (
    PinnedOrderQuery,
    PinnedOrderView,
    VersionUsageView,
    pinned_orders,
    version_usage,
)
from api.read.audit_why import OrderWhyView, order_why
from api.runtime import runtime
from studio import artifacts

bp = Blueprint("audit_views", __name__, url_prefix="/api/v1/audit")


@bp.get("/artifacts/<key>/versions/<int:version>/usage")
@requires("audit.read")
@endpoint(response=VersionUsageView)
def usage(key: str, version: int) -> VersionUsageView:
    """Who published a version and when, its own tests run again, the pack versions pinning it (with their
    activation periods) and how many orders ran on them."""
    with runtime().reading() as session:
        return version_usage(session, artifacts.find_version(session, key, version))


@bp.get("/artifacts/<key>/versions/<int:version>/orders")
@requires("audit.read")
@endpoint(query=PinnedOrderQuery, response=list[PinnedOrderView], paged=True)
def orders(key: str, version: int, query: PinnedOrderQuery) -> Page[PinnedOrderView]:
    """The orders that ran on a pack version pinning this artifact version, newest first."""
    with runtime().reading() as session:
        return pinned_orders(session, artifacts.find_version(session, key, version), query)


@bp.get("/orders/<order_id>/why")
@requires("audit.read")
@endpoint(response=OrderWhyView)
def why(order_id: str) -> OrderWhyView:
    """Where everything an order got came from: its pack, and the artifact, version and row behind every price
    line, adjustment, decomposition rule and task."""
    with runtime().reading() as session:
        return order_why(session, order_id)
