"""Order notes: staff add internal or customer-visible notes (audited); customers read only the customer-visible
notes of their own party's orders."""
from __future__ import annotations

from sqlalchemy import select

from engine.store.models import AuditEvent, OutboxEvent
from tests.api.native import portal_support
from tests.api.native.portal_support import call

people, placed = portal_support.people, portal_support.placed  # this module's fixtures


def notes_url(order_id: str) -> str:
    return f"/api/v1/orders/{order_id}/notes"


def test_staff_add_notes_and_customers_read_only_the_ones_written_for_them(secure_client, placed, people, runtime,
                                                                          clock):
    order_id = placed()
    url = notes_url(order_id)
    internal = call(secure_client, people["agent"], "POST", url, json={"text": "  port check pending  "})
    assert internal.status_code == 201, internal.json
    assert (internal.json["text"], internal.json["customerVisible"], internal.json["author"]) == (
        "port check pending", False, "agent")
    clock.advance(minutes=5)
    shown = call(secure_client, people["fitter"], "POST", url,
                 json={"text": "Technician booked for Monday", "customerVisible": True})
    assert shown.status_code == 201 and shown.json["customerVisible"] is True
    staff = call(secure_client, people["agent"], "GET", url)
    assert [n["text"] for n in staff.json] == ["port check pending", "Technician booked for Monday"]
    assert staff.headers["X-Total-Count"] == "2"
    assert [n["text"] for n in call(secure_client, people["agent"], "GET", url,
                                    query_string={"customerVisible": "false"}).json] == ["port check pending"]
    customer = call(secure_client, people["jane"], "GET", url)
    assert [n["text"] for n in customer.json] == ["Technician booked for Monday"]
    assert "port check" not in customer.get_data(as_text=True)
    assert call(secure_client, people["jane"], "GET", url, query_string={"customerVisible": "false"}).json == []
    with runtime.reading() as session:
        audited = session.execute(select(AuditEvent.actor, AuditEvent.data).where(
            AuditEvent.action == "order.note_added").order_by(AuditEvent.id)).all()
        streamed = session.execute(select(OutboxEvent.summary).where(
            OutboxEvent.event_type == "OrderNoteCreateEvent").order_by(OutboxEvent.seq)).scalars().all()
    assert [(actor, data["customerVisible"]) for actor, data in audited] == [("agent", False), ("fitter", True)]
    assert streamed == [{"orderId": order_id, "noteId": shown.json["id"]}]  # internal notes are not streamed


def test_customers_and_approvers_may_not_add_notes(secure_client, placed, people):
    url = notes_url(placed())
    for who in ("jane", "approver"):
        refused = call(secure_client, people[who], "POST", url, json={"text": "hello"})
        assert refused.status_code == 403 and "order.note" in refused.json["detail"]


def test_another_partys_order_has_no_notes_for_a_customer(secure_client, placed, people):
    url = notes_url(placed())
    call(secure_client, people["agent"], "POST", url, json={"text": "visible", "customerVisible": True})
    hidden = call(secure_client, people["bob"], "GET", url)
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    assert "visible" not in hidden.get_data(as_text=True)
    assert call(secure_client, people["agent"], "POST", notes_url("nope"), json={"text": "x"}).status_code == 404


def test_a_blank_or_unknown_member_is_422_naming_it(secure_client, placed, people):
    url = notes_url(placed())
    blank = call(secure_client, people["agent"], "POST", url, json={"text": "   "})
    assert blank.status_code == 422 and blank.json["errors"][0]["pointer"] == "/text"
    extra = call(secure_client, people["agent"], "POST", url, json={"text": "x", "internal": True})
    assert extra.status_code == 422 and extra.json["errors"][0]["pointer"] == "/internal"
