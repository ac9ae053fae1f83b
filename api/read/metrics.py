"""What ``GET /metrics`` reads from the database at scrape time: one grouped count per family."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.lifecycle.circuit_breaker import CLOSED, HALF_OPEN, OPEN
from engine.runtime.fallout.records import OPEN as OPEN_FALLOUT
from engine.store.models import (
    CustomerOrder,
    EventDelivery,
    FalloutRecord,
    JeopardyState,
    Job,
    OutboxEvent,
    PeriodicJobStatus,
    SystemBreaker,
)

BREAKER_STATES = (CLOSED, OPEN, HALF_OPEN)


def families(session: Session, now: datetime) -> Iterator[GaugeMetricFamily]:
    """Every database-derived metric family, read in one short transaction."""
    yield _grouped("ordo_orders", "Orders by state", ["state"],
                   session.execute(select(CustomerOrder.state, func.count()).group_by(CustomerOrder.state)))
    yield _grouped("ordo_jobs", "Background jobs by kind and state (queued, leased, done, failed)",
                   ["kind", "state"],
                   session.execute(select(Job.kind, Job.state, func.count()).where(Job.state != "done")
                                   .group_by(Job.kind, Job.state)))
    yield _grouped("ordo_jobs_retrying", "Queued jobs that have failed before and wait for another attempt",
                   ["kind"], session.execute(select(Job.kind, func.count()).where(Job.state == "queued",
                                                                                   Job.attempts > 0)
                                             .group_by(Job.kind)))
    yield _oldest_lease(session, now)
    yield _grouped("ordo_fallouts_open", "Open fallout records by type", ["type"],
                   session.execute(select(FalloutRecord.type, func.count()).where(FalloutRecord.state == OPEN_FALLOUT)
                                   .group_by(FalloutRecord.type)))
    yield _grouped("ordo_jeopardy", "Orders and tasks by their current jeopardy level", ["scope", "level"],
                   session.execute(select(JeopardyState.scope, JeopardyState.level, func.count())
                                   .group_by(JeopardyState.scope, JeopardyState.level)))
    listener = Job.payload["listenerId"].as_string().label("listener")
    yield _grouped("ordo_event_deliveries_pending", "Event deliveries queued or running, by listener", ["listener"],
                   session.execute(select(listener, func.count())
                                   .where(Job.kind == "event.deliver", Job.state.in_(("queued", "leased")))
                                   .group_by(listener)))
    yield _grouped("ordo_event_delivery_attempts", "Event delivery attempts by listener and outcome",
                   ["listener", "outcome"],
                   session.execute(select(EventDelivery.listener_id, EventDelivery.outcome, func.count())
                                   .group_by(EventDelivery.listener_id, EventDelivery.outcome)))
    yield _single("ordo_outbox_events", "Events written to the outbox so far",
                  session.scalar(select(func.count()).select_from(OutboxEvent)))
    yield _breakers(session)
    yield _periodic(session)


def _grouped(name: str, documentation: str, labels: list[str], rows) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for *values, count in rows:
        family.add_metric([str(value) if value is not None else "" for value in values], count)
    return family


def _single(name: str, documentation: str, value) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value or 0)


def _oldest_lease(session: Session, now: datetime) -> GaugeMetricFamily:
    """Seconds until the soonest lease of a running job runs out (negative: a worker stopped beating)."""
    soonest = session.scalar(select(func.min(Job.leased_until)).where(Job.state == "leased"))
    family = GaugeMetricFamily("ordo_job_lease_remaining_seconds",
                               "Seconds left on the running job's lease that runs out first (negative: overdue)")
    if soonest is not None:
        family.add_metric([], (soonest - now).total_seconds())
    return family


def _breakers(session: Session) -> GaugeMetricFamily:
    family = GaugeMetricFamily("ordo_breaker_state", "Circuit breaker of each fulfilment system (1 in its state)",
                               labels=["system", "state"])
    for system, state in session.execute(select(SystemBreaker.system, SystemBreaker.state)):
        for known in sorted({*BREAKER_STATES, state}):
            family.add_metric([system, known], 1 if known == state else 0)
    return family


def _periodic(session: Session) -> GaugeMetricFamily:
    family = GaugeMetricFamily("ordo_periodic_last_success_timestamp_seconds",
                               "When each periodic job (jeopardy scan, watchdog) last succeeded", labels=["kind"])
    for kind, at in session.execute(select(PeriodicJobStatus.kind, PeriodicJobStatus.last_success_at)):
        if at is not None:
            family.add_metric([kind], at.timestamp())
    return family
