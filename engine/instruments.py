"""What each process measures itself, for Prometheus: how long its jobs and its orders' pipeline stages take, and
how long the job it is running has been running (the age of its lease).

These live in the process (a worker's figures are its own; Prometheus adds the processes up). A worker serves
them with ``ordo worker --metrics-port``; an API process adds them to its ``GET /metrics``. Observing costs a
few microseconds per job and per stage."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import GaugeMetricFamily

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
REGISTRY = CollectorRegistry(auto_describe=True)
JOB_SECONDS = Histogram("ordo_job_duration_seconds", "Jobs run by this process, by kind and outcome "
                        "(done, failed: it raised, lease_lost: another worker took it over)",
                        ["kind", "outcome"], buckets=DURATION_BUCKETS, registry=REGISTRY)
STAGE_SECONDS = Histogram("ordo_order_stage_duration_seconds", "Order pipeline stages run by this process, by "
                          "stage (the stage's own work, not the time the order waited in it)",
                          ["stage"], buckets=DURATION_BUCKETS, registry=REGISTRY)


class RunningJobs:
    """The jobs this process runs right now, and since when; collected as the oldest one's age per kind."""

    def __init__(self):
        self._lock = threading.Lock()
        self._started: dict[int, tuple[str, float]] = {}

    @contextmanager
    def running(self, job_id: int, kind: str) -> Iterator[None]:
        with self._lock:
            self._started[job_id] = (kind, time.monotonic())
        try:
            yield
        finally:
            with self._lock:
                self._started.pop(job_id, None)

    def collect(self):
        family = GaugeMetricFamily("ordo_job_running_seconds", "How long the oldest job this process runs now, "
                                   "per kind, has been running (its lease's age)", labels=["kind"])
        now, oldest = time.monotonic(), {}
        with self._lock:
            for kind, started in self._started.values():
                oldest[kind] = min(started, oldest.get(kind, started))
        for kind, started in sorted(oldest.items()):
            family.add_metric([kind], now - started)
        yield family

    def describe(self):
        return []


RUNNING = RunningJobs()
REGISTRY.register(RUNNING)


@contextmanager
def timing_job(job_id: int, kind: str) -> Iterator[list[str]]:
    """Time one job: the caller puts its outcome into the yielded list (``done`` unless told otherwise)."""
    outcome = ["done"]
    started = time.perf_counter()
    with RUNNING.running(job_id, kind):
        try:
            yield outcome
        finally:
            JOB_SECONDS.labels(kind, outcome[0]).observe(time.perf_counter() - started)
