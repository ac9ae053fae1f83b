"""Delivery: signed POSTs to every matching listener, retried with back-off, logged, never lost."""
import socket

from sqlalchemy import select

from engine.runtime.events import outbox as events
from engine.store.models import Job
from tests.engine.runtime.events.conftest import HUB, SLOW, no_approval
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

CREATE_ONLY = "eventType=ProductOrderCreateEvent"
DELIVERIES = "/api/v1/events/deliveries"


def place(client) -> str:
    response = client.post(BASE, json=fibre_order())
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_every_event_is_posted_signed_with_the_listeners_secret(client, install_pack, worker, receiver, subscribe):
    install_pack(no_approval)
    listener = subscribe(receiver.url + "/ordo")
    order_id = place(client)
    worker.run_until_idle()
    assert [b["eventType"] for b in receiver.bodies()] == ["ProductOrderCreateEvent",
                                                           "ProductOrderStateChangeEvent"]
    for got in receiver.received:
        assert got.path == "/ordo" and got.headers["Content-Type"] == "application/json"
        assert got.signed_with(listener["secret"])
        assert not got.signed_with("another secret")
        assert got.headers["X-Ordo-Event-Id"] == got.body["eventId"]
        assert got.body["event"]["productOrder"]["id"] == order_id
    log = client.get(DELIVERIES).json
    assert [(d["eventType"], d["attempt"], d["outcome"], d["statusCode"]) for d in reversed(log)] == [
        ("ProductOrderCreateEvent", 1, "delivered", 200), ("ProductOrderStateChangeEvent", 1, "delivered", 200)]
    assert {d["listenerId"] for d in log} == {listener["id"]}
    oldest = client.get(DELIVERIES, query_string={"sort": "at", "limit": 1})
    assert oldest.json == log[-1:] and oldest.headers["X-Total-Count"] == "2"
    assert client.get(DELIVERIES, query_string={"outcome": "failed"}).headers["X-Total-Count"] == "0"
    assert client.get(DELIVERIES, query_string={"listener": "x"}).status_code == 400


def test_a_failing_listener_is_retried_with_exponential_backoff_and_logged(client, install_pack, worker, clock,
                                                                           receiver, subscribe):
    install_pack(no_approval)
    receiver.statuses = [500, 503]
    subscribe(receiver.url, CREATE_ONLY)
    place(client)
    worker.run_until_idle()
    assert len(receiver.received) == 1
    clock.advance(seconds=9)
    worker.run_until_idle()
    assert len(receiver.received) == 1
    clock.advance(seconds=1)
    worker.run_until_idle()
    assert len(receiver.received) == 2
    clock.advance(seconds=19)
    worker.run_until_idle()
    assert len(receiver.received) == 2
    clock.advance(seconds=1)
    worker.run_until_idle()
    assert len(receiver.received) == 3
    assert len({r.body["eventId"] for r in receiver.received}) == 1
    log = client.get(DELIVERIES, query_string={"eventId": receiver.received[0].body["eventId"]}).json
    assert [(d["attempt"], d["outcome"], d["statusCode"], d["error"]) for d in reversed(log)] == [
        (1, "retrying", 500, "HTTP 500"), (2, "retrying", 503, "HTTP 503"), (3, "delivered", 200, None)]


def test_attempts_are_bounded_and_connection_errors_are_logged(client, install_pack, worker, clock, subscribe,
                                                               monkeypatch, runtime):
    monkeypatch.setattr(events, "MAX_ATTEMPTS", 3)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/gone"
    install_pack(no_approval)
    subscribe(closed, CREATE_ONLY)
    place(client)
    for _ in range(5):
        worker.run_until_idle()
        clock.advance(hours=1)
    log = list(reversed(client.get(DELIVERIES).json))
    assert [(d["attempt"], d["outcome"], d["statusCode"]) for d in log] == [
        (1, "retrying", None), (2, "retrying", None), (3, "failed", None)]
    assert all(d["error"] for d in log)
    with runtime.reading() as session:
        assert session.execute(select(Job.state).where(Job.kind == events.DELIVER)).scalars().all() == ["done"] * 3


def test_nothing_is_lost_while_no_worker_runs(client, install_pack, worker, receiver, subscribe, runtime):
    install_pack(no_approval)
    subscribe(receiver.url, CREATE_ONLY)
    order_ids = [place(client) for _ in range(3)]
    assert receiver.received == []
    with runtime.reading() as session:
        queued = session.execute(select(Job.payload).where(Job.kind == events.DELIVER, Job.state == "queued")
                                 ).scalars().all()
    assert len(queued) == 3
    worker.run_until_idle()
    assert sorted(b["event"]["productOrder"]["id"] for b in receiver.bodies()) == sorted(order_ids)


def test_the_query_filters_what_each_listener_gets(client, install_pack, worker, receiver, subscribe):
    install_pack(no_approval)
    subscribe(receiver.url + "/all")
    subscribe(receiver.url + "/state", "eventType=ProductOrderStateChangeEvent")
    subscribe(receiver.url + "/create-or-state", "eventType=ProductOrderCreateEvent,ProductOrderStateChangeEvent")
    subscribe(receiver.url + "/done", "eventType=ProductOrderStateChangeEvent&event.productOrder.state=completed")
    place(client)
    worker.run_until_idle()
    types = {path: [b["eventType"] for b in receiver.bodies(path)]
             for path in ("/all", "/state", "/create-or-state", "/done")}
    assert types == {"/all": ["ProductOrderCreateEvent", "ProductOrderStateChangeEvent"],
                     "/state": ["ProductOrderStateChangeEvent"],
                     "/create-or-state": ["ProductOrderCreateEvent", "ProductOrderStateChangeEvent"],
                     "/done": []}


def test_a_deleted_listener_gets_nothing_more(client, install_pack, worker, receiver, subscribe):
    install_pack(no_approval)
    listener = subscribe(receiver.url)
    place(client)
    assert client.delete(f"{HUB}/{listener['id']}").status_code == 204
    worker.run_until_idle()
    assert receiver.received == []
    assert client.get(DELIVERIES).json == []


def test_a_redirect_is_not_followed_but_retried(client, install_pack, worker, clock, receiver, subscribe):
    install_pack(no_approval)
    receiver.statuses = [307]
    subscribe(receiver.url + "/hook", CREATE_ONLY)
    place(client)
    worker.run_until_idle()
    clock.advance(seconds=10)
    worker.run_until_idle()
    assert [r.path for r in receiver.received] == ["/hook", "/hook"]
    assert [(d["statusCode"], d["outcome"]) for d in reversed(client.get(DELIVERIES).json)] == [
        (307, "retrying"), (200, "delivered")]


def test_a_listener_that_answers_too_late_is_retried(client, install_pack, worker, clock, receiver, subscribe,
                                                     monkeypatch):
    monkeypatch.setattr(events, "TIMEOUT_SECONDS", 0.2)
    install_pack(no_approval)
    receiver.statuses = [SLOW]
    subscribe(receiver.url, CREATE_ONLY)
    place(client)
    worker.run_until_idle()
    clock.advance(seconds=10)
    worker.run_until_idle()
    log = list(reversed(client.get(DELIVERIES).json))
    assert [(d["attempt"], d["outcome"], d["statusCode"]) for d in log] == [(1, "retrying", None),
                                                                             (2, "delivered", 200)]
    assert "timed out" in log[0]["error"]
