"""Waking idle workers when a job is queued: PostgreSQL LISTEN/NOTIFY, polling elsewhere.

A transaction that queues a job due now sends one ``NOTIFY ordo_jobs`` as it commits (PostgreSQL delivers it
only if the transaction commits). An idle worker waits on its own LISTEN connection for at most its poll
interval, so a new order's job starts within milliseconds instead of after the rest of a poll interval; timers
(jobs due later) and a lost notification are still found by the next poll. On SQLite the worker just sleeps.
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from engine.store import commit_buffer

CHANNEL = "ordo_jobs"
_KIND = "jobs.notify"
log = logging.getLogger("ordo.worker")


def job_queued(session: Session) -> None:
    """Ask for one notification when the current transaction commits (PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        commit_buffer.add(session, _KIND, {})


def _notify(session: Session, _rows: list[dict]) -> None:
    session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


commit_buffer.register(_KIND, _notify, order=50)


class JobSignal:
    """What an idle worker waits on: a notification on PostgreSQL (or the timeout), the timeout elsewhere."""

    def __init__(self, engine: Engine | None, stop: threading.Event):
        self.engine = engine if engine is not None and engine.dialect.name == "postgresql" else None
        self.stop = stop
        self._connection: Connection | None = None

    def wait(self, timeout: float) -> None:
        """Return after a notification, ``timeout`` seconds, or a stop request, whichever comes first."""
        listener = self._listener()
        if listener is None:
            self.stop.wait(timeout)
            return
        try:
            for _notification in listener.connection.driver_connection.notifies(timeout=timeout, stop_after=1):
                break
        except Exception as error:  # noqa: BLE001 - a broken LISTEN connection only means polling until it is back
            log.debug("job notifications lost (%s); polling", error)
            self.close()
            self.stop.wait(timeout)

    def _listener(self) -> Connection | None:
        if self.engine is None:
            return None
        if self._connection is None:
            try:
                connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
                connection.execute(text(f"LISTEN {CHANNEL}"))
                self._connection = connection
            except Exception as error:  # noqa: BLE001 - the database may be down; the worker polls meanwhile
                log.debug("cannot listen for job notifications (%s); polling", error)
                return None
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._connection = None
