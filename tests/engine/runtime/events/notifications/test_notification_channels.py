"""A notification reaches someone: a signed webhook to the hub listeners and an e-mail through SMTP, each
retried with back-off, the notification's state following its channels."""
from sqlalchemy import select

from engine.runtime.events import notifications
from engine.runtime.events import outbox as events
from engine.store.models import EventDelivery, Notification


def send(runtime, to="voice-porting"):
    with runtime.unit_of_work(actor="test") as uow:
        return notifications.notify(uow, to, "Port-in rejected", "check the donor operator",
                                    {"type": "fallout", "orderId": "o-1", "rule": "number-porting"}).id


def stored(runtime, notification_id) -> Notification:
    with runtime.reading() as session:
        return session.get(Notification, notification_id)


def test_a_notification_is_posted_to_the_hub_listeners_signed(runtime, worker, receiver, subscribe):
    listener = subscribe(receiver.url + "/inbox")
    notification_id = send(runtime)
    assert stored(runtime, notification_id).channels == {"webhook": {listener["id"]: "created"}}
    worker.run_until_idle()
    [got] = receiver.received
    assert got.path == "/inbox" and got.signed_with(listener["secret"]) and not got.signed_with("other")
    assert got.headers["X-Ordo-Event-Type"] == notifications.EVENT_TYPE == got.body["eventType"]
    sent = got.body["event"]["notification"]
    assert (sent["id"], sent["group"], sent["subject"], sent["source"]["rule"]) == (
        notification_id, "voice-porting", "Port-in rejected", "number-porting")
    done = stored(runtime, notification_id)
    assert done.state == "delivered" and done.delivered_at is not None
    assert done.channels == {"webhook": {listener["id"]: "delivered"}}


def test_a_failing_listener_is_retried_and_logged_like_events(runtime, worker, clock, receiver, subscribe):
    listener = subscribe(receiver.url)
    receiver.statuses = [503]
    notification_id = send(runtime)
    worker.run_until_idle()
    assert stored(runtime, notification_id).state == "created"
    assert stored(runtime, notification_id).channels["webhook"] == {listener["id"]: "retrying"}
    clock.advance(seconds=events.backoff(1).total_seconds())
    worker.run_until_idle()
    assert stored(runtime, notification_id).state == "delivered"
    with runtime.reading() as session:
        log = session.execute(select(EventDelivery.attempt, EventDelivery.outcome).order_by(EventDelivery.attempt)
                              ).all()
    assert [tuple(row) for row in log] == [(1, "retrying"), (2, "delivered")]


def test_a_listener_can_ask_for_notifications_only(runtime, worker, receiver, subscribe):
    subscribe(receiver.url, query=f"eventType={notifications.EVENT_TYPE}")
    send(runtime)
    worker.run_until_idle()
    assert [b["eventType"] for b in receiver.bodies()] == [notifications.EVENT_TYPE]


def test_a_group_notification_is_mailed_to_the_groups_addresses(runtime, worker, smtp):
    notification_id = send(runtime)
    assert stored(runtime, notification_id).channels == {
        "email": {"to": ["porting@telco.example", "lead@telco.example"], "state": "created", "attempts": 0}}
    worker.run_until_idle()
    [(recipients, message)] = smtp.messages
    assert recipients == ["porting@telco.example", "lead@telco.example"]
    assert (message["From"], message["Subject"]) == ("ordo@telco.example", "Port-in rejected")
    assert message.get_payload().strip() == "check the donor operator"
    done = stored(runtime, notification_id)
    assert done.state == "delivered" and done.channels["email"]["state"] == "delivered"


def test_an_address_gets_the_mail_and_other_groups_the_fallback(runtime, worker, smtp):
    send(runtime, "noc@customer.example")
    send(runtime, "integration-support")
    worker.run_until_idle()
    assert sorted(recipients for recipients, _ in smtp.messages) == [["noc@customer.example"], ["ops@telco.example"]]


def test_a_refused_mail_is_retried_with_back_off_and_given_up_after_the_last_attempt(runtime, worker, clock, smtp):
    smtp.refuse = 1
    notification_id = send(runtime)
    worker.run_until_idle()
    email = stored(runtime, notification_id).channels["email"]
    assert (email["state"], email["attempts"]) == ("retrying", 1) and "451" in email["error"]
    clock.advance(seconds=events.backoff(1).total_seconds())
    worker.run_until_idle()
    assert stored(runtime, notification_id).state == "delivered" and len(smtp.messages) == 1
    smtp.refuse = events.MAX_ATTEMPTS
    failing = send(runtime)
    for attempt in range(1, events.MAX_ATTEMPTS + 1):
        worker.run_until_idle()
        clock.advance(seconds=events.backoff(attempt).total_seconds())
    given_up = stored(runtime, failing)
    assert (given_up.state, given_up.channels["email"]["attempts"]) == ("failed", events.MAX_ATTEMPTS)


def test_without_smtp_or_listeners_the_notification_waits_in_the_inbox(runtime, worker, monkeypatch):
    monkeypatch.delenv("ORDO_SMTP_HOST", raising=False)
    notification_id = send(runtime)
    worker.run_until_idle()
    assert (stored(runtime, notification_id).state, stored(runtime, notification_id).channels) == ("created", {})


def test_a_notification_whose_address_is_missing_goes_to_the_unaddressed_group(runtime):
    notification_id = send(runtime, None)
    assert stored(runtime, notification_id).group_key == notifications.UNADDRESSED
