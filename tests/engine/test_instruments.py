"""engine.instruments: the worker times each job by kind and outcome and each pipeline stage it runs, and
reports how long its running job has been running."""
import threading

from engine import instruments
from engine.runtime.jobs import registry
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401  (fixtures)
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)


def count(name: str, **labels) -> float:
    return instruments.REGISTRY.get_sample_value(f"{name}_count", labels) or 0.0


def test_jobs_and_stages_run_by_the_worker_are_timed_by_kind_outcome_and_stage(client, worker, install_pack):  # noqa: F811
    install_pack()
    before = {"advance": count("ordo_job_duration_seconds", kind="order.advance", outcome="done"),
              "enriching": count("ordo_order_stage_duration_seconds", stage="enriching"),
              "pricing": count("ordo_order_stage_duration_seconds", stage="pricing")}
    client.post(BASE, json=fibre_order())
    worker.run_until_idle()
    assert count("ordo_job_duration_seconds", kind="order.advance", outcome="done") >= before["advance"] + 1
    assert count("ordo_order_stage_duration_seconds", stage="enriching") == before["enriching"] + 1
    assert count("ordo_order_stage_duration_seconds", stage="pricing") == before["pricing"] + 1


def test_a_failing_job_is_timed_as_failed(client, worker, install_pack, monkeypatch):  # noqa: F811
    install_pack()

    def failing(uow, payload):
        raise ValueError("broken")
    monkeypatch.setitem(registry.JOB_HANDLERS, "order.advance", failing)
    before = count("ordo_job_duration_seconds", kind="order.advance", outcome="failed")
    client.post(BASE, json=fibre_order())
    worker.run_until_idle()
    assert count("ordo_job_duration_seconds", kind="order.advance", outcome="failed") == before + 1


def test_the_running_job_s_age_is_reported_while_it_runs_and_gone_after():
    inside, release = threading.Event(), threading.Event()

    def run():
        with instruments.timing_job(987654, "test.slow"):
            inside.set()
            release.wait(10)
    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert inside.wait(10)
        threading.Event().wait(0.05)
        age = instruments.REGISTRY.get_sample_value("ordo_job_running_seconds", {"kind": "test.slow"})
        assert age is not None and age >= 0.05
    finally:
        release.set()
        thread.join(10)
    assert instruments.REGISTRY.get_sample_value("ordo_job_running_seconds", {"kind": "test.slow"}) is None
    assert count("ordo_job_duration_seconds", kind="test.slow", outcome="done") >= 1
