"""A bulk import run chunk by chunk through the worker: orders created through capture, bad rows rejected
with row and column, re-imports creating nothing, dry runs creating nothing, resuming where a chunk stopped."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engine.errors import Invalid
from engine.runtime.imports import service
from engine.runtime.imports.files import staged_copy
from engine.store.models import CustomerOrder, ImportedOrder, ImportReject, Job, OrderImport
from tests.engine.runtime.imports.support import add_customers, line, publish_mapping, write_csv

pytestmark = pytest.mark.db


@pytest.fixture
def ready(runtime, demo_pack):
    publish_mapping(runtime)
    add_customers(runtime, "cust-1", "cust-2")
    return runtime


def start(runtime, path, tmp_path, **options):
    staged = staged_copy(path, tmp_path / "staged")
    with runtime.unit_of_work("agent") as uow:
        return service.start_import(uow, staged, mapping_key="import.acme-fibre", **options).id


def run_imports(runtime, worker) -> None:
    worker.kinds = [service.RUN]
    worker.run_until_idle()


def record(runtime, import_id) -> OrderImport:
    with runtime.reading() as session:
        found = session.get(OrderImport, import_id)
        session.expunge(found)
        return found


def rejects(runtime, import_id) -> list[tuple]:
    with runtime.reading() as session:
        return session.execute(select(ImportReject.row, ImportReject.column, ImportReject.message).where(
            ImportReject.import_id == import_id).order_by(ImportReject.row, ImportReject.id)).all()


def orders(runtime) -> list[str]:
    with runtime.reading() as session:
        return session.scalars(select(CustomerOrder.external_id).order_by(CustomerOrder.external_id)).all()


def test_rows_become_orders_and_bad_rows_are_rejected_with_row_and_column(ready, worker, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [
        line("A-1"), line("A-1", product="FIBRE100", building="house"),
        line("A-2", product="FIBER9"),
        line("A-3", qty="two"),
        line("A-4", customer="cust-unknown"),
        line("A-5", customer="cust-2"),
    ])
    import_id = start(ready, path, tmp_path)
    run_imports(ready, worker)
    done = record(ready, import_id)
    assert (done.state, done.rows_read, done.orders_read, done.orders_created, done.orders_rejected,
            done.rows_rejected) == ("completed", 6, 5, 2, 3, 3)
    assert orders(ready) == ["A-1", "A-5"]
    found = rejects(ready, import_id)
    assert [(row, column) for row, column, _ in found] == [(4, "product"), (5, "qty"), (6, "customer")]
    assert "row 4, column 'product': 'FIBER9' is not one of the mapped values" in found[0][2]
    assert "row 5, column 'qty': 'two' is not a whole number" in found[1][2]
    assert "no customer party 'cust-unknown'" in found[2][2]
    with ready.reading() as session:
        linked = session.execute(select(ImportedOrder.order_key, ImportedOrder.first_row, ImportedOrder.created)
                                 .where(ImportedOrder.import_id == import_id).order_by(ImportedOrder.first_row)).all()
    assert linked == [("A-1", 2, True), ("A-5", 7, True)]


def test_a_catalog_problem_rejects_every_row_of_its_order(ready, worker, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [line("B-1"), line("B-1", qty="0")])
    import_id = start(ready, path, tmp_path)
    run_imports(ready, worker)
    assert orders(ready) == []
    found = rejects(ready, import_id)
    assert [row for row, _, _ in found] == [2, 3]
    assert any("rejected with its order" in message for _, _, message in found)


def test_importing_the_same_file_again_creates_nothing(ready, worker, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [line(f"C-{n}") for n in range(5)])
    first = start(ready, path, tmp_path)
    run_imports(ready, worker)
    second = start(ready, path, tmp_path)
    run_imports(ready, worker)
    assert record(ready, first).orders_created == 5
    again = record(ready, second)
    assert (again.orders_created, again.orders_existing, again.orders_rejected) == (0, 5, 0)
    assert len(orders(ready)) == 5


def test_a_changed_row_under_a_key_already_imported_is_rejected(ready, worker, tmp_path):
    start(ready, write_csv(tmp_path / "v1.csv", [line("D-1")]), tmp_path)
    run_imports(ready, worker)
    second = start(ready, write_csv(tmp_path / "v2.csv", [line("D-1", street="Elsewhere 9")]), tmp_path)
    run_imports(ready, worker)
    assert record(ready, second).orders_rejected == 1
    assert "was imported from 'acme' before with other content" in rejects(ready, second)[0][2]


def test_a_dry_run_validates_everything_and_creates_nothing(ready, worker, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [line("E-1"), line("E-2", product="NOPE")])
    import_id = start(ready, path, tmp_path, dry_run=True)
    run_imports(ready, worker)
    done = record(ready, import_id)
    assert (done.state, done.orders_read, done.orders_created, done.orders_rejected) == ("completed", 2, 0, 1)
    assert orders(ready) == []


def test_chunks_commit_their_resume_point_and_the_next_chunk_starts_there(ready, worker, tmp_path, monkeypatch):
    monkeypatch.setattr(service, "CHUNK_ORDERS", 2)
    path = write_csv(tmp_path / "acme.csv", [line(f"F-{n}") for n in range(5)])
    import_id = start(ready, path, tmp_path)
    worker.kinds = [service.RUN]
    worker.run_once()
    after_one = record(ready, import_id)
    assert (after_one.state, after_one.orders_created, after_one.resume_row) == ("running", 2, 4)
    worker.run_until_idle()
    done = record(ready, import_id)
    assert (done.state, done.orders_created, done.rows_read) == ("completed", 5, 5)
    assert orders(ready) == [f"F-{n}" for n in range(5)]


def test_a_file_without_the_columns_the_mapping_reads_is_refused_before_it_starts(ready, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [{"order_ref": "G-1"}], header=["order_ref", "customer"])
    with pytest.raises(Invalid, match="lacks the column"):
        start(ready, path, tmp_path)
    with ready.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderImport)) == 0


def test_cancelling_stops_between_chunks(ready, worker, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [line("H-1")])
    import_id = start(ready, path, tmp_path)
    with ready.unit_of_work("agent") as uow:
        service.cancel_import(uow, import_id)
    run_imports(ready, worker)
    assert record(ready, import_id).state == "cancelled"
    assert orders(ready) == []


def test_while_other_work_queues_up_the_next_chunk_waits(ready, worker, tmp_path, monkeypatch, clock):
    monkeypatch.setattr(service, "BACKLOG_LIMIT", 3)
    monkeypatch.setattr(service, "CHUNK_ORDERS", 2)
    import_id = start(ready, write_csv(tmp_path / "acme.csv", [line(f"W-{n}") for n in range(6)]), tmp_path)
    worker.kinds = [service.RUN]
    worker.run_until_idle()  # the first chunk queues 2 orders' work, the second 2 more: 4 > 3, the third waits
    held = record(ready, import_id)
    assert (held.state, held.orders_created) == ("running", 4)
    with ready.reading() as session:
        waiting = session.execute(select(Job.run_at).where(Job.kind == service.RUN, Job.state == "queued")).scalar_one()
    assert waiting == clock.now() + service.THROTTLE
    worker.kinds = None
    worker.run_until_idle()  # the orders' own work runs, and the import goes on once the queue is short
    clock.advance(seconds=service.THROTTLE.total_seconds())
    worker.run_until_idle()
    assert record(ready, import_id).orders_created == 6


def test_a_chunk_that_fails_on_every_attempt_fails_its_import(ready, worker, tmp_path, monkeypatch, clock):
    import_id = start(ready, write_csv(tmp_path / "acme.csv", [line("V-1")]), tmp_path)

    def broken(uow, import_id, max_orders=100):
        raise ValueError("the staged file is on a disk that went away")
    monkeypatch.setattr("engine.runtime.jobs.handlers.imports.run_chunk", broken)
    worker.kinds = [service.RUN]
    for _ in range(12):
        worker.run_until_idle()
        clock.advance(minutes=10)
    failed = record(ready, import_id)
    assert failed.state == "failed" and "a chunk failed on every attempt" in failed.error
    assert "disk that went away" in failed.error
