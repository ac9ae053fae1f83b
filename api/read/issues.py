"""Issues customers raise on their orders (a question, a problem, a change request) and the order agents' answers.

Customers read their own party's issues only (another party's: 404); staff read all of them, and the order desk's
queue is the open ones."""
from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.scope import party_conditions, visible
from api.contract import ListQuery, Model, Page, Timestamp, sort_by
from api.read.notes import MAX_TEXT, customer_caller
from engine.errors import NotFound
from engine.store.models import CustomerOrder, OrderIssue

IssueKind = Literal["question", "problem", "changeRequest"]
IssueState = Literal["open", "answered", "closed"]
OPEN, ANSWERED, CLOSED = "open", "answered", "closed"


class IssueView(Model):
    id: str
    order_id: str
    order_external_id: str | None = Field(description="the order's externalId (the customer's own reference)")
    party_id: str | None
    kind: IssueKind
    subject: str
    text: str
    state: IssueState
    raised_by: str
    raised_at: Timestamp
    answer: str | None
    answered_by: str | None
    answered_at: Timestamp | None


class RaiseIssue(Model):
    kind: IssueKind = Field(description="question, problem, or changeRequest (a change the customer asks for)")
    subject: str = Field(min_length=1, max_length=200, pattern=r"\S")
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")


class AnswerIssue(Model):
    answer: str = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")
    close: bool = Field(False, description="close the issue with this answer (default: answered, still followable)")


class IssueQuery(ListQuery):
    sort: sort_by("raisedAt", "state") | None = Field(None, description="default: oldest first (the queue's order)")
    state: IssueState | Literal["any"] | None = Field(
        None, description="default: the open ones (the queue) for staff, every state for customers")
    order_id: str | None = None
    kind: IssueKind | None = None


COLUMNS = (OrderIssue, CustomerOrder.external_id)
SORTS = {"raisedAt": OrderIssue.raised_at, "state": OrderIssue.state}


def issue_view(issue: OrderIssue, external_id: str | None) -> IssueView:
    return IssueView(id=issue.id, order_id=issue.order_id, order_external_id=external_id, party_id=issue.party_id,
                     kind=issue.kind, subject=issue.subject, text=issue.text, state=issue.state,
                     raised_by=issue.raised_by, raised_at=issue.raised_at, answer=issue.answer,
                     answered_by=issue.answered_by, answered_at=issue.answered_at)


def _conditions(query: IssueQuery) -> list:
    state = query.state or ("any" if customer_caller() else OPEN)
    conditions = [] if state == "any" else [OrderIssue.state == state]
    if query.order_id is not None:
        conditions.append(OrderIssue.order_id == query.order_id)
    if query.kind is not None:
        conditions.append(OrderIssue.kind == query.kind)
    return conditions + party_conditions(OrderIssue.party_id)


def issue_page(session: Session, query: IssueQuery) -> Page[IssueView]:
    """The issues the caller may see that match the query."""
    conditions = _conditions(query)
    column = SORTS[query.sort_key or "raisedAt"]
    rows = session.execute(select(*COLUMNS).join(CustomerOrder, CustomerOrder.id == OrderIssue.order_id)
                           .where(*conditions).order_by(query.ordered(column), OrderIssue.id)
                           .offset(query.offset).limit(query.limit)).all()
    total = session.scalar(select(func.count()).select_from(OrderIssue).where(*conditions))
    return Page([issue_view(issue, external_id) for issue, external_id in rows], total)


def order_issues(session: Session, order_id: str) -> list[IssueView]:
    """Every issue raised on one order, oldest first (the caller may see the order)."""
    rows = session.execute(select(*COLUMNS).join(CustomerOrder, CustomerOrder.id == OrderIssue.order_id)
                           .where(OrderIssue.order_id == order_id)
                           .order_by(OrderIssue.raised_at, OrderIssue.id)).all()
    return [issue_view(issue, external_id) for issue, external_id in rows]


def find_issue(session: Session, issue_id: str) -> OrderIssue:
    """The issue if the caller may see it (customers: their own party's); 404 otherwise."""
    issue = session.get(OrderIssue, issue_id)
    if issue is None or not visible(issue.party_id):
        raise NotFound(f"no issue with id {issue_id}")
    return issue


def found_issue_view(session: Session, issue: OrderIssue) -> IssueView:
    return issue_view(issue, session.scalar(select(CustomerOrder.external_id)
                                            .where(CustomerOrder.id == issue.order_id)))
