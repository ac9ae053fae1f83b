"""The workspace home: counts for the signed-in person's tiles (``GET /api/v1/workspace/summary``).

Each count is there only when the caller's role may read the list its tile opens; customers (whose portal
has tiles of its own) are refused."""
from __future__ import annotations

from flask import Blueprint

from api.auth.scope import party_conditions
from api.contract import endpoint
from api.native.fallout import viewer
from api.native.workspace import caller, narrowed_to_groups
from api.permissions import requires
from api.read import summary
from api.roles import allowed
from api.runtime import runtime
from engine.store.models import CustomerOrder

bp = Blueprint("workspace_summary", __name__, url_prefix="/api/v1/workspace")


@bp.get("/summary")
@requires("domainOrder.read")
@endpoint(query=summary.WorkSummaryQuery, response=summary.WorkSummary)
def work_summary(query: summary.WorkSummaryQuery) -> summary.WorkSummary:
    """The caller's tile counts: new orders, open tasks (mine, my groups', unassigned), fallout (mine, my
    groups'), orders in high or critical jeopardy, approvals the caller may decide; null where the role
    may not read that list."""
    who, now = caller(), runtime().clock.now()

    def can(permission: str) -> bool:
        return who.role is None or allowed(who.role, permission)
    counts: dict = dict.fromkeys(summary.WorkSummary.model_fields)
    with runtime().reading() as session:
        if can("order.read"):
            counts["new_orders"] = summary.new_orders(session)
        if can("task.read"):
            counts.update(summary.task_counts(session, who, narrowed_to_groups(who), now))
            counts["jeopardy"] = summary.jeopardy_count(session, now, party_conditions(CustomerOrder.party_id))
        if can("fallout.read"):
            counts.update(summary.fallout_counts(session, viewer(session), now))
        if can("approval.decide"):
            counts["pending_approvals"] = summary.pending_approvals(session, who)
    return summary.WorkSummary(**counts)
