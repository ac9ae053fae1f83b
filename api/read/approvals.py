"""The approvals inbox: order-level approvals and approval tasks of plans, in one shape, and their decisions."""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy.orm import Session

from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from engine.runtime.orders.approvals import ORDER, PENDING, TASK, Entry, created_at, inbox
from engine.runtime.tasks.groups import Caller
from engine.store.models import Approval

ApprovalState = Literal["pending", "approved", "rejected", "withdrawn"]


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
                        group=None, task_id=None, task_key=None, assignee=None, due_at=None)


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
        assignee=task.assignee, due_at=task.due_at)


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
