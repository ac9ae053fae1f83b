"""Webhook calls continue the order's trace: a CLIENT span around each POST, its ``traceparent`` sent along."""
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import update

from engine import tracing
from engine.store.models import OutboxEvent
from tests.engine.runtime.events.conftest import no_approval
from tests.engine.runtime.events.test_delivery import CREATE_ONLY, place
from tests.spans import chain, traceparent_of


def test_a_listener_receives_the_orders_trace_in_traceparent(client, install_pack, worker, receiver, subscribe,
                                                              spans):
    install_pack(no_approval)
    subscribe(receiver.url + "/ordo")
    order_id = place(client)
    worker.run_until_idle()
    finished = spans.get_finished_spans()
    [post] = [s for s in finished if s.kind == SpanKind.SERVER and s.attributes.get("ordo.order_id") == order_id]
    calls = [s for s in finished if s.kind == SpanKind.CLIENT]
    assert [r.body["eventType"] for r in receiver.received] == ["ProductOrderCreateEvent",
                                                                "ProductOrderStateChangeEvent"]
    assert len(calls) == len(receiver.received) == 2
    for got, call in zip(receiver.received, calls, strict=True):
        assert got.headers["traceparent"] == traceparent_of(call)
        assert call.context.trace_id == post.context.trace_id and call.name == "POST"
        assert call.attributes["http.response.status_code"] == 200
        assert call.attributes["url.full"] == receiver.url + "/ordo"
        ancestors = chain(call, finished)
        assert ancestors[-1] is post and ancestors[1].name == "job event.deliver"
        assert ancestors[1].attributes["ordo.order_id"] == order_id
    state_change = chain(calls[1], finished)
    assert [s.name for s in state_change[1:-1]] == ["job event.deliver", "job order.advance"]


def test_a_failed_call_is_a_failed_span_and_the_retry_stays_in_the_trace(client, install_pack, worker, clock,
                                                                         receiver, subscribe, spans):
    install_pack(no_approval)
    receiver.statuses = [503]
    subscribe(receiver.url, CREATE_ONLY)
    place(client)
    worker.run_until_idle()
    clock.advance(seconds=10)
    worker.run_until_idle()
    first, retry = (s for s in spans.get_finished_spans() if s.kind == SpanKind.CLIENT)
    assert first.status.status_code == StatusCode.ERROR and first.attributes["http.response.status_code"] == 503
    assert retry.status.status_code == StatusCode.UNSET and retry.context.trace_id == first.context.trace_id
    assert [r.headers["traceparent"].split("-")[1] for r in receiver.received] == [f"{first.context.trace_id:032x}"] * 2


def test_untraced_the_stored_traceparent_is_sent_as_it_is(client, install_pack, worker, receiver, subscribe,
                                                          runtime):
    assert not tracing.enabled()
    install_pack(no_approval)
    subscribe(receiver.url, CREATE_ONLY)
    place(client)
    stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(update(OutboxEvent).values(traceparent=stored, tracestate="vendor=abc"))
    worker.run_until_idle()
    [got] = receiver.received
    assert got.headers["traceparent"] == stored and got.headers["tracestate"] == "vendor=abc"


def test_untraced_and_unstored_no_traceparent_is_sent(client, install_pack, worker, receiver, subscribe):
    install_pack(no_approval)
    subscribe(receiver.url, CREATE_ONLY)
    place(client)
    worker.run_until_idle()
    [got] = receiver.received
    assert "traceparent" not in {name.lower() for name in got.headers}
