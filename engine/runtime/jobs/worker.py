"""``ordo worker``: lease jobs from the database and run their handlers, one transaction per job."""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import traceback
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from engine import instruments, log_context, tracing
from engine.clock import Clock, SystemClock
from engine.runtime.context import UnitOfWork
from engine.runtime.fallout import records
from engine.runtime.jobs import (
    builtin,  # noqa: F401  (registers the built-in job handlers)
    periodic,
    poison,
    wakeup,
)
from engine.runtime.jobs import queue as jobs
from engine.runtime.jobs.registry import given_up_handler, handler_for
from engine.store.db import UNAVAILABLE

log = logging.getLogger("ordo.worker")


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff_for(attempts: int) -> timedelta:
    return timedelta(seconds=min(2 ** attempts, 300))


class Worker:
    """Runs jobs until stopped. Each job's effects, audit entries, new jobs and completion commit together."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock | None = None, *,
                 worker_id: str | None = None, lease_seconds: float = 60.0, poll_interval: float = 0.5,
                 kinds: list[str] | None = None, max_outage_wait: float = 30.0):
        self.session_factory = session_factory
        self.clock = clock or SystemClock()
        self.worker_id = worker_id or default_worker_id()
        self.lease_seconds = lease_seconds
        self.poll_interval = poll_interval
        self.kinds = kinds
        self.max_outage_wait = max_outage_wait
        self._stop = threading.Event()
        self.signal = wakeup.JobSignal(getattr(session_factory, "kw", {}).get("bind"), self._stop)

    def request_stop(self, *_args) -> None:
        """Finish the current job, then stop (SIGTERM / SIGINT)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_forever(self, install_signals: bool = True) -> None:
        """Run until stopped; SIGTERM and SIGINT let the current job finish first. While the database is
        unavailable the worker logs it and waits, longer each time (up to ``max_outage_wait``), then goes on.
        With nothing to do it waits for a job notification (PostgreSQL) or the poll interval, whichever is first."""
        if install_signals:
            signal.signal(signal.SIGTERM, self.request_stop)
            signal.signal(signal.SIGINT, self.request_stop)
        log.info("worker %s started", self.worker_id)
        scheduled, outages = False, 0
        while not self.stopping:
            try:
                if not scheduled:
                    self.schedule_periodic()
                    scheduled = True
                worked = self.run_once()
            except UNAVAILABLE as error:
                outages += 1
                wait = self.outage_wait(outages)
                log.warning("worker %s: the database is unavailable (%s); retrying in %.1f s", self.worker_id,
                            type(error).__name__, wait)
                self._stop.wait(wait)
                continue
            if outages:
                log.info("worker %s: the database is back after %d failed attempts", self.worker_id, outages)
                outages = 0
            if not worked and not self.stopping:
                self.signal.wait(self.poll_interval)
        self.signal.close()
        log.info("worker %s stopped", self.worker_id)

    def outage_wait(self, outages: int) -> float:
        """Seconds to wait after the ``outages``-th failed attempt in a row to reach the database."""
        return min(self.poll_interval * 2 ** outages, self.max_outage_wait)

    def schedule_periodic(self) -> list[str]:
        """Queue the next run of every periodic scan (jeopardy, watchdog) that has none queued."""
        with self.session_factory() as session, session.begin():
            return periodic.ensure_scheduled(session, self.clock.now())

    def run_until_idle(self, max_jobs: int = 100_000) -> int:
        """Run due jobs until none is left (or ``max_jobs``); returns how many ran. For tests and scripts."""
        count = 0
        while count < max_jobs and self.run_once():
            count += 1
        return count

    def run_once(self) -> bool:
        """Lease one due job and run it; False when there was nothing to do."""
        with self.session_factory() as session, session.begin():
            job = jobs.lease(session, self.worker_id, self.clock.now(), self.lease_seconds, self.kinds)
        if job is None:
            return False
        self._run(job)
        return True

    def _run(self, job: jobs.LeasedJob) -> None:
        order_id = job.payload.get("orderId")
        with log_context.bound(job_id=job.id, job_kind=job.kind, order_id=order_id), \
                tracing.job_span(job.id, job.kind, order_id, job.traceparent, job.tracestate), \
                instruments.timing_job(job.id, job.kind) as outcome:
            outcome[0] = self._run_bound(job)

    def _run_bound(self, job: jobs.LeasedJob) -> str:
        """Run the job's handler in one transaction; its outcome: done, failed (recorded) or lease_lost."""
        handler = handler_for(job.kind)
        try:
            with LeaseHeartbeat(self, job), self.session_factory() as session, session.begin():
                if handler is None:
                    raise LookupError(f"no handler for job kind {job.kind!r}")
                now = self.clock.now()
                handler(UnitOfWork(session, now, actor=f"worker:{self.worker_id}"), job.payload)
                jobs.fence_done(session, job, self.clock.now())
        except jobs.LeaseLost as lost:
            log.warning("job %s: lease lost, another worker owns it", job.id)
            tracing.failed(lost)
            return "lease_lost"
        except Exception as error:  # noqa: BLE001 - any handler error is recorded on the job, never lost
            log.warning("job %s (%s) failed: %s", job.id, job.kind, error)
            tracing.failed(error)
            self._record_failure(job, error, permanent=handler is None or periodic.is_periodic(job.kind))
            return "failed"
        return "done"

    def _record_failure(self, job: jobs.LeasedJob, error: Exception, permanent: bool) -> None:
        """Requeue or fail the job; a periodic run is not retried: it is recorded and the next slot queued; an
        order's job that fails the same way every time goes to fallout (``poison``)."""
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        if permanent:
            job = jobs.LeasedJob(job.id, job.kind, job.payload, job.max_attempts, job.max_attempts, job.token)
        with self.session_factory() as session, session.begin():
            if poison.is_order_job(job.kind):
                self._order_job_failed(session, job, error, text)
                return
            state = jobs.release_failed(session, job, self.clock.now(), text, backoff_for(job.attempts))
            gave_up = given_up_handler(job.kind)
            if state == jobs.FAILED and gave_up is not None:
                gave_up(UnitOfWork(session, self.clock.now(), actor=f"worker:{self.worker_id}"), job.payload, text)
            if periodic.is_periodic(job.kind):
                periodic.run_failed(session, job.kind, self.clock.now(), text)

    def _order_job_failed(self, session: Session, job: jobs.LeasedJob, error: Exception, text: str) -> None:
        """Retry with back-off, or stop a poison job and open its order's fallout record in this transaction."""
        verdict = poison.judge(job, error, text)
        now = self.clock.now()
        state = jobs.release_failed(session, job, now, verdict.error, backoff_for(job.attempts), final=verdict.poison)
        order_id, task_id = poison.order_of(session, job)
        if state != jobs.FAILED or order_id is None:
            return
        log.warning("job %s (%s) stopped and sent to fallout: %s", job.id, job.kind, verdict.reason)
        uow = UnitOfWork(session, now, actor=f"worker:{self.worker_id}")
        records.open_job_failed(uow, order_id, task_id, {"id": job.id, "kind": job.kind, "attempts": job.attempts},
                                verdict.error, verdict.reason)


class LeaseHeartbeat:
    """While a job runs, extend its lease every third of the lease time from another connection, so a job that
    runs longer than its lease (a large order's stage on a busy machine) is not taken over and redone by
    another worker while it is still working; a worker that dies stops beating and its lease expires."""

    def __init__(self, worker: Worker, job: jobs.LeasedJob):
        self.worker, self.job = worker, job
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{job.id}", daemon=True)

    def __enter__(self) -> LeaseHeartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._done.wait(self.worker.lease_seconds / 3):
            try:
                with self.worker.session_factory() as session, session.begin():
                    held = jobs.extend_lease(session, self.job, self.worker.clock.now(), self.worker.lease_seconds)
            except Exception as error:  # noqa: BLE001 - a missed beat is retried; the job itself decides
                log.debug("job %s: lease not extended: %s", self.job.id, error)
                continue
            if not held:
                return
