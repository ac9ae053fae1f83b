"""The ``spans`` fixture: Ordo's spans recorded in memory for one test (``engine.tracing.install_in_memory``)."""
from __future__ import annotations

import pytest
from opentelemetry.trace import format_span_id, format_trace_id

from engine import tracing


@pytest.fixture
def spans():
    """The in-memory exporter the spans of this test end in; tracing is off again after it."""
    exporter = tracing.install_in_memory()
    yield exporter
    tracing.use(None)


def traceparent_of(span) -> str:
    """The W3C traceparent of a finished span, as it is sent on."""
    context = span.get_span_context()
    return f"00-{format_trace_id(context.trace_id)}-{format_span_id(context.span_id)}-{context.trace_flags:02x}"


def chain(span, finished) -> list:
    """The span and its ancestors among ``finished``, innermost first."""
    by_id = {s.context.span_id: s for s in finished}
    found = [span]
    while found[-1].parent is not None and found[-1].parent.span_id in by_id:
        found.append(by_id[found[-1].parent.span_id])
    return found
