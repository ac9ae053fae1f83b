"""Issues: a customer raises one on its own party's order, the order desk's queue lists the open ones, an order
agent or manager answers (and closes) it, and the customer reads the answer. Audited and streamed."""
from __future__ import annotations

from sqlalchemy import select

from engine.store.models import AuditEvent, OutboxEvent
from tests.api.native import portal_support
from tests.api.native.portal_support import call

people, placed = portal_support.people, portal_support.placed  # this module's fixtures

ISSUES = "/api/v1/issues"
QUESTION = {"kind": "question", "subject": "Install date", "text": "Can the technician come in the morning?"}


def raise_issue(client, person, order_id: str, body: dict | None = None):
    return call(client, person, "POST", f"/api/v1/orders/{order_id}/issues", json=body or QUESTION)


def test_a_customers_question_reaches_the_queue_and_the_answer_comes_back(secure_client, placed, people, runtime):
    order_id = placed()
    raised = raise_issue(secure_client, people["jane"], order_id)
    assert raised.status_code == 201, raised.json
    issue = raised.json
    assert (issue["state"], issue["kind"], issue["raisedBy"], issue["partyId"], issue["orderId"]) == (
        "open", "question", "jane", "cust-0042", order_id)
    assert issue["orderExternalId"].startswith("fibre-500-") and issue["answer"] is None
    queue = call(secure_client, people["agent"], "GET", ISSUES)
    assert [i["id"] for i in queue.json] == [issue["id"]] and queue.headers["X-Total-Count"] == "1"
    answered = call(secure_client, people["agent"], "POST", f"{ISSUES}/{issue['id']}/answer",
                    json={"answer": "Yes, between 8 and 12."})
    assert answered.status_code == 200, answered.json
    assert (answered.json["state"], answered.json["answer"], answered.json["answeredBy"]) == (
        "answered", "Yes, between 8 and 12.", "agent")
    assert call(secure_client, people["agent"], "GET", ISSUES).json == []  # the queue holds the open ones
    assert [i["id"] for i in call(secure_client, people["agent"], "GET", ISSUES,
                                  query_string={"state": "answered"}).json] == [issue["id"]]
    seen = call(secure_client, people["jane"], "GET", f"{ISSUES}/{issue['id']}")
    assert seen.status_code == 200 and seen.json["answer"] == "Yes, between 8 and 12."
    assert [i["state"] for i in call(secure_client, people["jane"], "GET", ISSUES).json] == ["answered"]
    closed = call(secure_client, people["boss"], "POST", f"{ISSUES}/{issue['id']}/answer",
                  json={"answer": "Booked for 9:00.", "close": True})
    assert closed.status_code == 200 and closed.json["state"] == "closed"
    again = call(secure_client, people["agent"], "POST", f"{ISSUES}/{issue['id']}/answer", json={"answer": "more"})
    assert again.status_code == 409 and "closed" in again.json["detail"]
    with runtime.reading() as session:
        audited = session.execute(select(AuditEvent.action, AuditEvent.actor).where(
            AuditEvent.entity_type == "orderIssue").order_by(AuditEvent.id)).all()
        streamed = session.execute(select(OutboxEvent.event_type, OutboxEvent.summary).where(
            OutboxEvent.entity_id == order_id, OutboxEvent.event_type.like("OrderIssue%"))
            .order_by(OutboxEvent.seq)).all()
    assert audited == [("issue.raised", "jane"), ("issue.answered", "agent"), ("issue.answered", "boss")]
    assert [(kind, summary["state"]) for kind, summary in streamed] == [
        ("OrderIssueCreateEvent", "open"), ("OrderIssueAnswerEvent", "answered"), ("OrderIssueAnswerEvent", "closed")]


def test_another_party_neither_raises_on_nor_sees_the_issues_of_an_order(secure_client, placed, people):
    order_id = placed()
    issue = raise_issue(secure_client, people["jane"], order_id).json
    assert raise_issue(secure_client, people["bob"], order_id).status_code == 404
    hidden = call(secure_client, people["bob"], "GET", f"{ISSUES}/{issue['id']}")
    assert hidden.status_code == 404 and "Install date" not in hidden.get_data(as_text=True)
    assert call(secure_client, people["bob"], "GET", ISSUES).json == []
    assert call(secure_client, people["bob"], "GET", ISSUES, query_string={"orderId": order_id}).json == []


def test_only_order_agents_and_managers_answer_and_only_customers_raise(secure_client, placed, people):
    order_id = placed()
    issue = raise_issue(secure_client, people["jane"], order_id).json
    for who in ("fitter", "jane", "approver"):
        refused = call(secure_client, people[who], "POST", f"{ISSUES}/{issue['id']}/answer", json={"answer": "x"})
        assert refused.status_code == 403 and "issue.answer" in refused.json["detail"]
    refused = raise_issue(secure_client, people["agent"], order_id)
    assert refused.status_code == 403 and "issue.raise" in refused.json["detail"]
    assert call(secure_client, people["fitter"], "GET", ISSUES).status_code == 200


def test_a_bad_issue_is_422_naming_each_member(secure_client, placed, people):
    order_id = placed()
    bad = raise_issue(secure_client, people["jane"], order_id, {"kind": "complaint", "subject": "", "text": "x"})
    assert bad.status_code == 422
    assert {e["pointer"] for e in bad.json["errors"]} == {"/kind", "/subject"}
    issue = raise_issue(secure_client, people["jane"], order_id).json
    blank = call(secure_client, people["agent"], "POST", f"{ISSUES}/{issue['id']}/answer", json={"answer": " "})
    assert blank.status_code == 422 and blank.json["errors"][0]["pointer"] == "/answer"
    assert call(secure_client, people["agent"], "POST", f"{ISSUES}/nope/answer",
                json={"answer": "x"}).status_code == 404
