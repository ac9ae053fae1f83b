"""OpenTelemetry traces: a span per API request, per worker job and per webhook call, one trace per order.

Off unless an OTLP/HTTP endpoint is configured (``ORDO_OTLP_ENDPOINT``, else the standard
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_ENDPOINT``): ``configure(role)`` then installs a
TracerProvider (service ``ordo``, ``ordo.role`` api or worker) exporting in batches. Off, nothing is installed
and every function here returns at its first test (no span, no traceparent formatted, NULL stored).

The context crosses the database as a W3C ``traceparent`` (and ``tracestate``): ``carrier()`` is written on
each job and outbox row in the INSERT that writes it, the worker's job span takes it as its parent, and a
webhook POST sends it on. Tests install an in-memory exporter with ``install_in_memory()`` and ``use(None)``:
Ordo keeps its own tracer rather than relying on the global provider, which may be set once per process.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from urllib.parse import urlsplit

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from engine.settings import otel_variable, variable

SERVICE = "ordo"
TRACES_PATH = "/v1/traces"
ORDER_ID = "ordo.order_id"
NOT_TRACED: Mapping[str, None] = {"traceparent": None, "tracestate": None}
"""The trace columns of a row written while no trace is recorded."""
_PROPAGATOR = TraceContextTextMapPropagator()
_OFF = nullcontext()
_tracer: trace.Tracer | None = None


def enabled() -> bool:
    """Whether spans are being recorded in this process."""
    return _tracer is not None


def endpoint() -> str | None:
    """The URL spans are exported to, or None (tracing off)."""
    base = variable("ORDO_OTLP_ENDPOINT")
    if base:
        return base.rstrip("/") + TRACES_PATH
    full = otel_variable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    if full:
        return full
    base = otel_variable("OTEL_EXPORTER_OTLP_ENDPOINT")
    return base.rstrip("/") + TRACES_PATH if base else None


def configure(role: str):
    """Export spans over OTLP/HTTP when an endpoint is configured (``ordo serve``: api, ``ordo worker``:
    worker); returns the TracerProvider installed, or None when tracing stays off."""
    url = endpoint()
    if url is None:
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE, "ordo.role": role}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=url)))
    trace.set_tracer_provider(provider)
    use(provider)
    return provider


def use(provider) -> None:
    """Record spans with ``provider`` (a TracerProvider), or stop recording (None)."""
    global _tracer
    _tracer = provider.get_tracer(SERVICE) if provider is not None else None


def install_in_memory():
    """For tests: record spans into a new InMemorySpanExporter (returned), synchronously; ``use(None)`` after."""
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE, "ordo.role": "test"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    use(provider)
    return exporter


def carrier() -> Mapping[str, str | None]:
    """The current trace context as the ``traceparent`` and ``tracestate`` columns of a row (NULL when none)."""
    if _tracer is None:
        return NOT_TRACED
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return NOT_TRACED
    state = span_context.trace_state.to_header() if span_context.trace_state else None
    return {"traceparent": f"00-{span_context.trace_id:032x}-{span_context.span_id:016x}-"
                           f"{span_context.trace_flags:02x}",
            "tracestate": state or None}


def _parent(headers: Mapping[str, str | None]) -> otel_context.Context:
    """The context a ``traceparent`` (and ``tracestate``) names; an empty one for a missing or malformed value."""
    return _PROPAGATOR.extract({key: value for key, value in headers.items() if value})


def mark_order(order_id: str | None) -> None:
    """Note on the current span (request or job) the order it creates or touches."""
    if _tracer is None or not order_id:
        return
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute(ORDER_ID, order_id)


def failed(error: BaseException) -> None:
    """Mark the current span failed with ``error`` (a job's handler error, caught and recorded by the worker)."""
    if _tracer is None:
        return
    span = trace.get_current_span()
    if span.is_recording():
        span.record_exception(error)
        span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))


# ---- API requests (api.logs calls these from its request hooks) ----

def start_request(method: str, route: str | None, headers: Mapping[str, str], request_id: str,
                  order_id: str | None = None):
    """Open the request's SERVER span (its parent a valid incoming ``traceparent``) and make it current;
    returns the handle for ``end_request`` and ``close_request``, None when tracing is off."""
    if _tracer is None:
        return None
    parent = _parent({"traceparent": headers.get("traceparent"), "tracestate": headers.get("tracestate")})
    attributes = {"http.request.method": method, "ordo.request_id": request_id}
    if route is not None:
        attributes["http.route"] = route
    if order_id:
        attributes[ORDER_ID] = order_id
    span = _tracer.start_span(f"{method} {route}" if route else method, context=parent, kind=SpanKind.SERVER,
                              attributes=attributes)
    return span, otel_context.attach(trace.set_span_in_context(span, parent))


def end_request(handle, status: int) -> None:
    """Record the response status on the request's span (a 5xx marks it failed)."""
    if handle is None:
        return
    span = handle[0]
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(Status(StatusCode.ERROR))


def close_request(handle, error: BaseException | None = None) -> None:
    """End the request's span and make it no longer current (after the response, in the teardown)."""
    if handle is None:
        return
    span, token = handle
    if error is not None:
        span.record_exception(error)
        span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
    span.end()
    try:
        token.var.reset(token)
    except ValueError:  # attached in another context (a streamed response finishing elsewhere)
        pass


# ---- worker jobs and webhook calls ----

def job_span(job_id: int, kind: str, order_id: str | None, traceparent: str | None, tracestate: str | None):
    """A context manager: the job's CONSUMER span, current while it runs, child of the context that queued it."""
    if _tracer is None:
        return _OFF
    attributes = {"ordo.job_id": job_id, "ordo.job_kind": kind}
    if order_id:
        attributes[ORDER_ID] = order_id
    return _tracer.start_as_current_span(f"job {kind}", context=_parent({"traceparent": traceparent,
                                                                        "tracestate": tracestate}),
                                         kind=SpanKind.CONSUMER, attributes=attributes)


@contextmanager
def client_call(method: str, url: str, stored: Mapping[str, str | None]) -> Iterator[dict[str, str]]:
    """Around an outgoing HTTP call: yields the trace headers to send -- those of a CLIENT span when tracing is
    on, else the ``stored`` context (the outbox row's) as it is."""
    if _tracer is None:
        yield {key: value for key, value in stored.items() if value}
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    address = f"[{host}]" if ":" in host else host
    attributes = {"http.request.method": method, "server.address": host,
                  "url.full": f"{parts.scheme}://{address}{f':{parts.port}' if parts.port else ''}{parts.path}"}
    with _tracer.start_as_current_span(method, kind=SpanKind.CLIENT, attributes=attributes):
        headers: dict[str, str] = {}
        _PROPAGATOR.inject(headers)
        yield headers


def response_status(status: int) -> None:
    """Record an outgoing call's HTTP status on the current (CLIENT) span; 4xx and 5xx mark it failed."""
    if _tracer is None:
        return
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_status(Status(StatusCode.ERROR, f"HTTP {status}"))
