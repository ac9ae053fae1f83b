"""Issues customers raise on their own orders (a question, a problem, a change request) and the order desk's
queue of open ones with their answers. Raising and answering are audited and reach the order's live stream."""
from __future__ import annotations

import uuid

from flask import Blueprint

from api.contract import Page, endpoint
from api.native.notes import order_event
from api.permissions import actor, requires
from api.read.issues import (
    ANSWERED,
    CLOSED,
    OPEN,
    AnswerIssue,
    IssueQuery,
    IssueView,
    RaiseIssue,
    find_issue,
    found_issue_view,
    issue_page,
)
from api.read.orders import visible_order
from api.runtime import runtime
from engine.errors import Conflict
from engine.store.models import OrderIssue

bp = Blueprint("order_issues", __name__, url_prefix="/api/v1")
RAISED_EVENT, ANSWERED_EVENT = "OrderIssueCreateEvent", "OrderIssueAnswerEvent"


@bp.post("/orders/<order_id>/issues")
@requires("issue.raise")
@endpoint(body=RaiseIssue, response=IssueView, status=201)
def raise_issue(order_id: str, body: RaiseIssue) -> IssueView:
    """Raise a question, problem or change request on one of your own party's orders; the order desk answers."""
    with runtime().unit_of_work(actor()) as uow:
        order = visible_order(uow.session, order_id)
        issue = OrderIssue(id=str(uuid.uuid4()), order_id=order.id, party_id=order.party_id, kind=body.kind,
                           subject=body.subject.strip(), text=body.text.strip(), state=OPEN, raised_by=uow.actor,
                           raised_at=uow.now)
        uow.session.add(issue)
        uow.audit("issue.raised", "orderIssue", issue.id, {"orderId": order.id, "kind": issue.kind})
        order_event(uow, order.id, RAISED_EVENT, {"issueId": issue.id, "state": issue.state})
        uow.session.flush()
        return found_issue_view(uow.session, issue)


@bp.get("/issues")
@requires("issue.read")
@endpoint(query=IssueQuery, response=list[IssueView], paged=True)
def list_issues(query: IssueQuery) -> Page[IssueView]:
    """Issues, oldest first: the order desk's queue (open ones, by default, for staff) or a customer's own."""
    with runtime().reading() as session:
        return issue_page(session, query)


@bp.get("/issues/<issue_id>")
@requires("issue.read")
@endpoint(response=IssueView, etag=True)
def get_issue(issue_id: str) -> IssueView:
    """One issue and its answer (customers: only their own party's)."""
    with runtime().reading() as session:
        return found_issue_view(session, find_issue(session, issue_id))


@bp.post("/issues/<issue_id>/answer")
@requires("issue.answer")
@endpoint(body=AnswerIssue, response=IssueView)
def answer_issue(issue_id: str, body: AnswerIssue) -> IssueView:
    """Answer an issue (the customer sees the answer), and close it with ``close``; a closed one is 409."""
    with runtime().unit_of_work(actor()) as uow:
        issue = uow.session.get(OrderIssue, issue_id, with_for_update=True) or find_issue(uow.session, issue_id)
        if issue.state == CLOSED:
            raise Conflict(f"issue {issue_id} is closed: raise a new one to follow up", state=issue.state)
        issue.answer, issue.answered_by, issue.answered_at = body.answer.strip(), uow.actor, uow.now
        issue.state = CLOSED if body.close else ANSWERED
        uow.audit("issue.answered", "orderIssue", issue.id, {"orderId": issue.order_id, "state": issue.state})
        order_event(uow, issue.order_id, ANSWERED_EVENT, {"issueId": issue.id, "state": issue.state})
        uow.session.flush()
        return found_issue_view(uow.session, issue)
