"""Traces (issue 18): one trace per order from its POST to its completion; OTLP export only when configured."""
import json

import pytest
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind
from sqlalchemy import select

from engine import tracing
from engine.settings import OTEL_VARIABLES, VARIABLES
from engine.store.models import CustomerOrder, Job, OutboxEvent
from tests.conftest import BACKEND, DEMO_PACK
from tests.spans import chain, traceparent_of

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
ENDPOINTS = ("ORDO_OTLP_ENDPOINT", *OTEL_VARIABLES)


@pytest.fixture
def no_endpoint(monkeypatch):
    for name in ENDPOINTS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def demo_order():
    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    return {key: value for key, value in document.items() if key != "externalId"}


def test_one_order_is_one_trace_from_its_post_to_its_completion(client, demo_pack, worker, runtime, spans,
                                                                 demo_order):
    posted = client.post(ORDERS, json=demo_order)
    assert posted.status_code == 201, posted.json
    order_id = posted.json["id"]
    assert worker.run_until_idle() >= 1
    with runtime.reading() as session:
        assert session.scalar(select(CustomerOrder.state).where(CustomerOrder.id == order_id)) == "completed"
    finished = spans.get_finished_spans()
    [request] = [s for s in finished if s.kind == SpanKind.SERVER]
    assert request.name == f"POST {ORDERS}" and request.parent is None
    assert request.attributes["http.request.method"] == "POST" and request.attributes["http.route"] == ORDERS
    assert request.attributes["http.response.status_code"] == 201
    assert request.attributes["ordo.order_id"] == order_id
    assert request.attributes["ordo.request_id"] == posted.headers["X-Request-Id"]
    job_spans = [s for s in finished if s.name.startswith("job ")]
    assert "job order.advance" in {s.name for s in job_spans}
    for span in job_spans:
        assert span.kind == SpanKind.CONSUMER and span.context.trace_id == request.context.trace_id
        assert span.attributes["ordo.order_id"] == order_id and span.attributes["ordo.job_kind"] == span.name[4:]
        assert chain(span, finished)[-1] is request
    assert {s.context.trace_id for s in finished} == {request.context.trace_id}


def test_the_trace_context_is_stored_on_the_jobs_and_events_the_request_wrote(client, demo_pack, runtime, spans,
                                                                             demo_order):
    posted = client.post(ORDERS, json=demo_order)
    [request] = spans.get_finished_spans()
    expected = traceparent_of(request)
    with runtime.reading() as session:
        stored = {*session.execute(select(Job.traceparent)).scalars(),
                  *session.execute(select(OutboxEvent.traceparent)
                                   .where(OutboxEvent.entity_id == posted.json["id"])).scalars()}
    assert stored == {expected}


def test_untraced_nothing_is_installed_and_nothing_is_stored(client, demo_pack, worker, runtime, no_endpoint,
                                                             demo_order):
    assert tracing.configure("api") is None and not tracing.enabled()
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    assert tracing.carrier() == {"traceparent": None, "tracestate": None}
    posted = client.post(ORDERS, json=demo_order, headers={
        "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"})
    assert posted.status_code == 201
    worker.run_until_idle()
    with runtime.reading() as session:
        rows = [*session.execute(select(Job.traceparent, Job.tracestate)).all(),
                *session.execute(select(OutboxEvent.traceparent, OutboxEvent.tracestate)).all()]
    assert len(rows) > 2 and set(rows) == {(None, None)}


@pytest.mark.parametrize("environment, url", [
    ({"ORDO_OTLP_ENDPOINT": "http://collector:4318/"}, "http://collector:4318/v1/traces"),
    ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:4318"}, "http://otel:4318/v1/traces"),
    ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://otel:4318/custom", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://x"},
     "http://otel:4318/custom"),
    ({"ORDO_OTLP_ENDPOINT": "http://ordo:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://otel/v1/traces"},
     "http://ordo:4318/v1/traces"),
])
def test_an_endpoint_installs_a_batching_otlp_exporter_for_the_process_role(monkeypatch, no_endpoint, environment,
                                                                            url):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    installed = []
    monkeypatch.setattr(trace, "set_tracer_provider", installed.append)
    provider = tracing.configure("worker")
    try:
        assert installed == [provider] and tracing.enabled()
        assert provider.resource.attributes["service.name"] == "ordo"
        assert provider.resource.attributes["ordo.role"] == "worker"
        [processor] = provider._active_span_processor._span_processors
        assert isinstance(processor, BatchSpanProcessor)
        exporter = processor._batch_processor._exporter
        assert isinstance(exporter, OTLPSpanExporter) and exporter._endpoint == url
    finally:
        tracing.use(None)
        provider.shutdown()


def test_the_endpoint_variables_are_documented():
    assert "ORDO_OTLP_ENDPOINT" in VARIABLES
    assert set(OTEL_VARIABLES) == {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"}


def test_a_traced_context_is_carried_with_its_state(spans):
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    with tracing.job_span(1, "diagnostic.record", None, parent, "vendor=abc"):
        carried = tracing.carrier()
    assert carried["traceparent"].startswith("00-0af7651916cd43dd8448eb211c80319c-")
    assert carried["traceparent"] != parent and carried["tracestate"] == "vendor=abc"
    [span] = spans.get_finished_spans()
    assert span.parent.span_id == 0xb7ad6b7169203331 and "ordo.order_id" not in span.attributes


@pytest.mark.parametrize("malformed", ["", "garbage", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
                                       "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                                       "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"])
def test_a_malformed_stored_context_starts_a_new_trace(spans, malformed):
    with tracing.job_span(1, "diagnostic.record", "o-1", malformed, None):
        pass
    [span] = spans.get_finished_spans()
    assert span.parent is None and span.attributes["ordo.order_id"] == "o-1"


def test_traced_an_order_costs_no_more_statements(client, app, demo_pack, worker, runtime, spans, demo_order):
    from tests.engine.runtime.orders.pipeline.test_statements_per_order import BUDGETS, counted

    assert client.post(ORDERS, json=demo_order).status_code == 201
    worker.run_until_idle()
    api = counted(app.extensions["ordo"].engine, lambda: client.post(ORDERS, json=demo_order))
    work = counted(runtime.engine, worker.run_until_idle)
    assert len({s.context.trace_id for s in spans.get_finished_spans()}) == 2
    budget = BUDGETS[BACKEND]
    assert api <= budget["api"] and work <= budget["worker"], (api, work, budget)
