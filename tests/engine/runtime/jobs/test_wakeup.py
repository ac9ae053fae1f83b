"""An idle worker wakes when a job is queued (PostgreSQL LISTEN/NOTIFY), not only when its poll interval ends."""
import threading

import pytest
from sqlalchemy import select

from engine.runtime.jobs.worker import Worker
from engine.store.models import Job
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="job notifications are PostgreSQL's LISTEN/NOTIFY")


def job_states(runtime) -> list[str]:
    with runtime.reading() as session:
        return list(session.execute(select(Job.state).where(Job.kind == "diagnostic.record")).scalars())


def test_a_queued_job_wakes_an_idle_worker_long_before_its_next_poll(runtime):
    worker = Worker(runtime.session_factory, runtime.clock, worker_id="sleepy", poll_interval=120)
    thread = threading.Thread(target=worker.run_forever, kwargs={"install_signals": False})
    thread.start()
    try:
        assert not worker.run_once()  # nothing queued yet; run_forever is (or soon is) waiting out its 120 s
        threading.Event().wait(0.5)
        with runtime.unit_of_work(actor="test") as uow:
            uow.enqueue("diagnostic.record", {"mark": "woken"})
        done = threading.Event()
        for _ in range(300):
            if job_states(runtime) == ["done"]:
                done.set()
                break
            done.wait(0.1)
        assert done.is_set(), "the worker slept through the notification (it would only poll after 120 s)"
    finally:
        worker.request_stop()
        with runtime.unit_of_work(actor="test") as uow:
            uow.enqueue("diagnostic.record", {"mark": "stop"})
        thread.join(30)
    assert not thread.is_alive()

