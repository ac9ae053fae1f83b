"""Rows buffered until commit (audit entries, trace rows, outbox events): savepoints, rollbacks, concurrency."""
import threading

import pytest
from sqlalchemy import select

from engine.runtime.context import UnitOfWork
from engine.store import audit
from engine.store.models import AuditEvent
from tests.conftest import BACKEND


def actions(runtime) -> list[str]:
    with runtime.reading() as session:
        return list(session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_a_rolled_back_savepoint_drops_only_its_own_entries(runtime):
    with runtime.unit_of_work(actor="alice") as uow:
        uow.audit("before", "thing", "1")
        with uow.session.begin_nested():
            uow.audit("kept.savepoint", "thing", "2")
        try:
            with uow.session.begin_nested():
                uow.audit("undone", "thing", "3")
                with uow.session.begin_nested():
                    uow.audit("undone.inner", "thing", "4")
                raise RuntimeError("stage failed")
        except RuntimeError:
            pass
        uow.audit("after", "thing", "5")
        assert [entry["action"] for entry in audit.pending(uow.session)] == ["before", "kept.savepoint", "after"]
    assert actions(runtime) == ["before", "kept.savepoint", "after"]
    with runtime.reading() as session:
        assert audit.verify(session) is None


def test_nothing_is_written_before_the_outermost_commit(runtime):
    with runtime.unit_of_work(actor="alice") as uow:
        with uow.session.begin_nested():
            uow.audit("inside", "thing", "1")
        assert uow.session.execute(select(AuditEvent.id)).first() is None
    assert actions(runtime) == ["inside"]


def test_a_rolled_back_transaction_leaves_nothing_for_the_next_one(runtime):
    session = runtime.session_factory()
    with session.begin():
        UnitOfWork(session, runtime.clock.now(), actor="alice").audit("first", "thing", "1")
        session.rollback()
    with session.begin():
        UnitOfWork(session, runtime.clock.now(), actor="alice").audit("second", "thing", "2")
    session.close()
    assert actions(runtime) == ["second"]


@pytest.mark.skipif(BACKEND != "postgresql", reason="SQLite has one writer at a time (BEGIN IMMEDIATE)")
def test_writers_do_not_wait_for_each_other_until_they_commit(runtime):
    """Two transactions append audit entries at the same time: the second commits while the first is still open
    (the chain's head is taken only at commit), and the chain has both, in commit order, and verifies."""
    first_appended, second_committed = threading.Event(), threading.Event()
    waited = []

    def first() -> None:
        with runtime.unit_of_work(actor="alice") as uow:
            uow.audit("first", "thing", "1")
            first_appended.set()
            waited.append(second_committed.wait(10))

    thread = threading.Thread(target=first)
    thread.start()
    assert first_appended.wait(10)
    with runtime.unit_of_work(actor="bob") as uow:
        uow.audit("second", "thing", "2")
    second_committed.set()
    thread.join(15)
    assert waited == [True], "the second writer was blocked by the first"
    assert actions(runtime) == ["second", "first"]
    with runtime.reading() as session:
        assert audit.verify(session) is None
