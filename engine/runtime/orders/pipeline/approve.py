"""Stage ``approving``: the approval policy decides auto-approval or an approval for a role."""
from __future__ import annotations

import uuid
from decimal import Decimal

from engine.lifecycle.trace import TraceEntry
from engine.runtime.orders.pipeline.context import StageContext
from engine.states import Stage
from engine.store.models import Approval

AUTO = "autoApprove"


def approval_context(order) -> dict:
    """What the policy sees: the order, its totals per price type (Decimal) and its item count."""
    totals = {}
    for total in (order.pricing or {}).get("orderTotalPrice", []):
        name = total.get("priceType", "") + (f":{total['recurringChargePeriod']}"
                                            if total.get("recurringChargePeriod") else "")
        totals[name] = Decimal(str(total["price"]["dutyFreeAmount"]["value"]))
    return {"order": order.payload, "totals": totals, "itemCount": len(order.items),
            "adjustments": (order.pricing or {}).get("adjustments", [])}


def run(ctx: StageContext) -> bool:
    table = ctx.pack.compiled_binding("approval")
    if table is None:
        return ctx.move_to(Stage.DECOMPOSING)
    context = approval_context(ctx.order)
    result = table.evaluate(context)
    value = result.value if isinstance(result.value, dict) else {"decision": result.value}
    ctx.trace([TraceEntry(stage="approve", artifact=table.key, version=table.version,
                          rule=",".join(result.matched_rule_ids) or None,
                          inputs={"totals": {k: str(v) for k, v in context["totals"].items()},
                                  "itemCount": context["itemCount"]},
                          decision={k: v for k, v in value.items() if v is not None})])
    if value.get("decision", AUTO) == AUTO:
        return ctx.move_to(Stage.DECOMPOSING)
    approval = Approval(id=str(uuid.uuid4()), order_id=ctx.order.id, role=value.get("role") or "orderApprover",
                        reason=value.get("reason"), state="pending", created_at=ctx.now)
    ctx.uow.session.add(approval)
    ctx.uow.audit("approval.requested", "productOrder", ctx.order.id,
                  {"approvalId": approval.id, "role": approval.role, "reason": approval.reason})
    ctx.move_to(Stage.AWAITING_APPROVAL)
    return False
