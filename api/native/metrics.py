"""``GET /metrics``: Prometheus text for the operator's scraper, behind the metrics token.

Request latency by route template, method and status is measured in this process (each API process has its
own; Prometheus sums them); the order, job, fallout, jeopardy, event, breaker and periodic-job figures are read
from the database at scrape time (``api.read.metrics``), so every process answers the same for those. Only the
metrics token (``ORDO_METRICS_TOKEN``) or a role with ``health.details`` may read it.
"""
from __future__ import annotations

import time
from functools import wraps

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from api.contract import endpoint
from api.native.health import DETAILS, presents_metrics_token
from api.permissions import authorize
from api.read.metrics import families
from engine import instruments

bp = Blueprint("native_metrics", __name__)
EXTENSION = "ordo.metrics"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class Metrics:
    """One app's registry: the request histogram and the collectors that read the database and the pool."""

    def __init__(self, app: Flask):
        self.app = app
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Histogram("ordo_http_request_duration_seconds", "API requests by route, method and status",
                                  ["route", "method", "status"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.registry.register(self)

    def collect(self):
        """The database-derived families and the connection pool, read when Prometheus scrapes."""
        ordo = self.app.extensions.get("ordo")
        if ordo is None:
            return
        pool = ordo.engine.pool
        if hasattr(pool, "checkedout"):
            yield GaugeMetricFamily("ordo_db_pool_checked_out", "Database connections in use by this process",
                                    value=pool.checkedout())
        with ordo.reading() as session:
            yield from families(session, ordo.clock.now())
        yield from instruments.REGISTRY.collect()

    def describe(self):
        return []


def install(app: Flask) -> None:
    """Measure every request of ``app`` (route template, not the path, so ids do not multiply the series)."""
    app.extensions[EXTENSION] = Metrics(app)
    app.before_request(_start)
    app.after_request(_observe)


def _start() -> None:
    g.ordo_request_started = time.perf_counter()


def _observe(response: Response) -> Response:
    started = g.pop("ordo_request_started", None)
    if started is not None:
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        current_app.extensions[EXTENSION].requests.labels(route, request.method, str(response.status_code)).observe(
            time.perf_counter() - started)
    return response


def token_or_permission(view):
    """The metrics token lets a scraper in; anyone else needs ``health.details`` (as for the health details)."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if not presents_metrics_token():
            authorize(DETAILS)
        return view(*args, **kwargs)
    guarded.required_permission = DETAILS
    return guarded


@bp.get("/metrics")
@token_or_permission
@endpoint(response=str, produces=(CONTENT_TYPE_LATEST,))
def metrics():
    """Prometheus metrics: orders by state, jobs by kind and state, retrying jobs, the soonest lease, open
    fallouts by type, jeopardy levels, event deliveries pending and attempted per listener, outbox size, breaker
    states, periodic jobs' last success, this process's request latency and pool use (and the job and stage
    durations of any job it ran itself; workers serve theirs with ``ordo worker --metrics-port``)."""
    return Response(generate_latest(current_app.extensions[EXTENSION].registry), mimetype=CONTENT_TYPE_LATEST)
