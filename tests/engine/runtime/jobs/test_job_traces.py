"""Job spans: each job runs in a CONSUMER span whose parent is the trace context of the transaction that
queued it (stored on the job row in the same INSERT); a handler error marks the span failed."""
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import select

from engine import tracing
from engine.store.models import Job
from tests.spans import traceparent_of


def enqueue_in_span(runtime, kind, payload, **options):
    with tracing.job_span(0, "test.caller", None, None, None):
        with runtime.unit_of_work(actor="test") as uow:
            uow.enqueue(kind, payload, **options)


def test_a_job_runs_in_a_span_child_of_the_one_that_queued_it(runtime, worker, spans):
    enqueue_in_span(runtime, "diagnostic.record", {"mark": "a", "orderId": "o-1"}, key="k1")
    enqueue_in_span(runtime, "diagnostic.record", {"mark": "b"})
    [first_caller, second_caller] = spans.get_finished_spans()
    with runtime.reading() as session:
        rows = session.execute(select(Job).order_by(Job.id)).scalars().all()
    assert [row.traceparent for row in rows] == [traceparent_of(first_caller), traceparent_of(second_caller)]
    assert worker.run_until_idle() == 2
    first, second = spans.get_finished_spans()[2:]
    assert first.name == "job diagnostic.record" and first.kind == SpanKind.CONSUMER
    assert first.parent.span_id == first_caller.context.span_id
    assert first.context.trace_id == first_caller.context.trace_id
    assert dict(first.attributes) == {"ordo.job_id": rows[0].id, "ordo.job_kind": "diagnostic.record",
                                      "ordo.order_id": "o-1"}
    assert second.parent.span_id == second_caller.context.span_id and "ordo.order_id" not in second.attributes


def test_a_job_queued_outside_any_trace_starts_its_own(runtime, worker, spans):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.record", {"mark": "a"})
    with runtime.reading() as session:
        assert session.scalar(select(Job.traceparent)) is None
    worker.run_until_idle()
    [span] = spans.get_finished_spans()
    assert span.parent is None and span.name == "job diagnostic.record"


def test_a_failing_job_is_a_failed_span_and_its_retry_a_new_one_in_the_same_trace(runtime, worker, clock, spans):
    enqueue_in_span(runtime, "diagnostic.fail", {"message": "no luck"})
    worker.run_until_idle()
    clock.advance(seconds=5)
    worker.run_until_idle()
    caller, first, second = spans.get_finished_spans()
    for attempt in (first, second):
        assert attempt.status.status_code == StatusCode.ERROR and "no luck" in attempt.status.description
        assert attempt.parent.span_id == caller.context.span_id
        assert [event.name for event in attempt.events] == ["exception"]
