"""The approvals inbox: order-level approvals and approval tasks of plans, in one shape, and their decisions."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.runtime.orders.approvals import ORDER, PENDING, TASK, Entry, created_at, inbox
from engine.runtime.tasks.groups import Caller
from engine.store.models import Approval, CustomerOrder, DomainOrder, OrderTraceEntry, Task

ApprovalState = Literal["pending", "approved", "rejected", "withdrawn"]


class RuleRef(Model):
    artifact: str | None = Field(description="the key of the artifact (approval policy or plan) that asked")
    version: int | None
    row: str | None = Field(description="the policy row's id, or the plan task's key")


class OrderTotal(Model):
    price_type: str = Field(description="oneTime, recurring, ...")
    period: str | None = Field(description="the recurring charge period (month, ...)")
    amount: Decimal = Field(description="duty-free amount, a decimal string")
    currency: str | None


class ApprovalView(Model):
    id: str = Field(description="the approval's id; for an approval task, the task's id")
    kind: Literal["order", "task"] = Field(description="an order-level approval or an approval task of a plan")
    order_id: str
    role: str | None = Field(description="the role that decides it")
    reason: str | None
    state: str
    decided_by: str | None
    comment: str | None
    created_at: Timestamp | None
    decided_at: Timestamp | None
    group: str | None = Field(description="the assignment group an approval task is addressed to")
    task_id: str | None
    task_key: str | None
    assignee: str | None
    due_at: Timestamp | None
    order_external_id: str | None
    order_state: str | None
    totals: list[OrderTotal] = Field(description="the order's totals per price type")
    price_delta: dict[str, Decimal] | None = Field(
        description="after a revision, new minus previous totals per price type (decimal strings)")
    rule: RuleRef | None = Field(description="the approval-policy row (or plan task) that asked for it")


class DecideMany(Model):
    ids: list[str] = Field(min_length=1, max_length=100, description="approval ids (approval-task ids)")
    decision: Literal["approve", "reject"]
    comment: str | None = Field(None, max_length=4000, description="why (kept with each decision)")


class DecisionOutcome(Model):
    id: str
    outcome: Literal["decided", "forbidden", "conflict", "notFound"]
    status: int = Field(description="the HTTP status deciding it alone would have answered")
    detail: str | None = Field(description="why it was not decided")
    approval: ApprovalView | None = Field(description="the approval as decided")


class DecideManyResult(Model):
    decided: int
    results: list[DecisionOutcome] = Field(description="one per id, in the order sent")


class ApprovalQuery(ListQuery):
    sort: sort_by("createdAt") | None = Field(None, description="default: oldest first")
    state: ApprovalState = PENDING
    role: str | None = Field(None, description="only approvals addressed to this role")
    kind: Literal["order", "task"] | None = None
    order_id: str | None = None


class Decision(Model):
    comment: str | None = Field(None, max_length=4000, description="why (kept with the decision)")


def approval_view(approval: Approval) -> ApprovalView:
    return ApprovalView(id=approval.id, kind=ORDER, order_id=approval.order_id, role=approval.role,
                        reason=approval.reason, state=approval.state, decided_by=approval.decided_by,
                        comment=approval.comment, created_at=approval.created_at, decided_at=approval.decided_at,
                        group=None, task_id=None, task_key=None, assignee=None, due_at=None,
                        **order_summary(object_session(approval), approval.order_id),
                        rule=_policy_row(object_session(approval), approval))


def order_summary(session: Session | None, order_id: str) -> dict:
    """The order's external id, state, totals and (after a revision) price delta, as the inbox shows them."""
    order = session.get(CustomerOrder, order_id) if session is not None else None
    if order is None:
        return {"order_external_id": None, "order_state": None, "totals": [], "price_delta": None}
    pricing = order.pricing or {}
    totals = [OrderTotal(price_type=t.get("priceType", ""), period=t.get("recurringChargePeriod"),
                         amount=Decimal(str(t["price"]["dutyFreeAmount"]["value"])),
                         currency=t["price"]["dutyFreeAmount"].get("unit"))
              for t in pricing.get("orderTotalPrice", []) if t.get("price", {}).get("dutyFreeAmount")]
    delta = pricing.get("delta")
    return {"order_external_id": order.external_id, "order_state": order.state, "totals": totals,
            "price_delta": {k: Decimal(str(v)) for k, v in delta.items()} if isinstance(delta, dict) else None}


def _policy_row(session: Session | None, approval: Approval) -> RuleRef | None:
    """The approval-policy row that asked: the last ``approve`` trace entry of the order up to the approval."""
    if session is None:
        return None
    entry = session.execute(select(OrderTraceEntry).where(
        OrderTraceEntry.order_id == approval.order_id, OrderTraceEntry.stage == "approve",
        OrderTraceEntry.at <= approval.created_at).order_by(OrderTraceEntry.id.desc()).limit(1)).scalar()
    return RuleRef(artifact=entry.artifact, version=entry.artifact_version, row=entry.rule) if entry else None


def _plan_task(session: Session | None, task: Task) -> RuleRef | None:
    """The plan (and its task) that asked for an approval task."""
    domain_order = session.get(DomainOrder, task.domain_order_id) if session is not None else None
    if domain_order is None:
        return None
    return RuleRef(artifact=domain_order.plan_key, version=domain_order.plan_version, row=task.key)


def entry_view(entry: Entry) -> ApprovalView:
    """An inbox entry: an order-level approval or an approval task of a plan, in one shape."""
    if entry.kind == ORDER:
        return approval_view(entry.subject)
    task, output = entry.subject, entry.subject.output or {}
    decided = entry.state in ("approved", "rejected")
    return ApprovalView(
        id=task.id, kind=TASK, order_id=task.order_id, role=entry.role, reason=task.name or task.key,
        state=entry.state, comment=output.get("comment"), created_at=created_at(entry),
        decided_by=(output.get("decidedBy") or output.get("completedBy") or task.assignee) if decided else None,
        decided_at=task.completed_at, group=task.assignment_group, task_id=task.id, task_key=task.key,
        assignee=task.assignee, due_at=task.due_at, **order_summary(object_session(task), task.order_id),
        rule=_plan_task(object_session(task), task))


def approval_page(session: Session, query: ApprovalQuery, who: Caller, deciding: bool) -> Page[ApprovalView]:
    """The approvals in ``query.state``; a ``deciding`` caller sees only those its role and groups may decide.

    Who may decide depends on the role a plan task's spec names and on group membership, so the inbox is
    filtered (and paged) after reading the approvals of that state."""
    entries = [e for e in inbox(session, who, query.state, query.role, decidable_only=deciding)
               if (query.kind is None or e.kind == query.kind)
               and (query.order_id is None or e.subject.order_id == query.order_id)]
    if query.descending:
        entries.reverse()
    page = entries[query.offset:query.offset + query.limit]
    return Page([entry_view(e) for e in page], len(entries))
