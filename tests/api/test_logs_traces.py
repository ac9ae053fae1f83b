"""The request span api.logs opens for every API call when tracing is on: named by route, parented by a valid
incoming ``traceparent`` (a malformed one is ignored), with the request id and the order it touches."""
import pytest
from opentelemetry.trace import SpanKind, StatusCode

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_a_request_span_is_named_by_route_and_method_with_the_request_id(client, spans):
    missing = client.get(f"{ORDERS}/nope", headers={"X-Request-Id": "trace-42"})
    assert missing.status_code == 404
    [span] = spans.get_finished_spans()
    assert span.kind == SpanKind.SERVER and span.name == f"GET {ORDERS}/<order_id>" and span.parent is None
    assert dict(span.attributes) == {"http.request.method": "GET", "http.route": f"{ORDERS}/<order_id>",
                                     "ordo.request_id": "trace-42", "ordo.order_id": "nope",
                                     "http.response.status_code": 404}


def test_an_unmatched_path_is_named_by_its_method_only(client, spans):
    client.post("/api/v1/no-such-thing")
    [span] = spans.get_finished_spans()
    assert span.name == "POST" and "http.route" not in span.attributes


def test_an_incoming_traceparent_is_the_request_spans_parent(client, spans):
    client.get("/api/v1/health", headers={"traceparent": CALLER, "tracestate": "vendor=abc"})
    [span] = spans.get_finished_spans()
    assert span.context.trace_id == 0x0af7651916cd43dd8448eb211c80319c
    assert span.parent.span_id == 0xb7ad6b7169203331 and span.parent.is_remote
    assert span.context.trace_state.to_header() == "vendor=abc"


@pytest.mark.parametrize("malformed", ["nonsense", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
                                       "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                                       "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01", "\u2028" * 60])
def test_a_malformed_traceparent_is_ignored_not_an_error(client, spans, malformed):
    response = client.get("/api/v1/health", headers={"traceparent": malformed})
    assert response.status_code == 200
    [span] = spans.get_finished_spans()
    assert span.parent is None and span.context.trace_id != 0x0af7651916cd43dd8448eb211c80319c


def test_the_span_of_a_failing_request_is_marked_failed(app, client, spans):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom-for-test")
    def boom():
        raise RuntimeError("boom")
    assert client.get("/api/v1/boom-for-test").status_code == 500
    [span] = spans.get_finished_spans()
    assert span.attributes["http.response.status_code"] == 500 and span.status.status_code == StatusCode.ERROR


def test_no_span_is_current_after_the_request(client, spans):
    from opentelemetry import trace
    client.get("/api/v1/health")
    assert not trace.get_current_span().get_span_context().is_valid
