from sqlalchemy import delete, update

from engine.store import audit
from engine.store.models import AuditEvent


def append_three(runtime):
    for n in range(3):
        with runtime.unit_of_work(actor="alice") as uow:
            uow.audit("thing.changed", "thing", str(n), {"n": n})


def test_the_chain_links_every_entry_and_verifies(runtime):
    append_three(runtime)
    with runtime.reading() as session:
        events = session.query(AuditEvent).order_by(AuditEvent.id).all()
        assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
        assert events[0].prev_hash == audit.GENESIS
        assert audit.verify(session) is None


def test_verify_names_the_first_tampered_entry(runtime):
    append_three(runtime)
    with runtime.reading() as session:
        second = session.query(AuditEvent).order_by(AuditEvent.id).all()[1]
        session.execute(update(AuditEvent).where(AuditEvent.id == second.id).values(actor="mallory"))
    with runtime.reading() as session:
        broken = audit.verify(session)
    assert broken.event_id == second.id and "content" in broken.reason


def test_verify_notices_removed_tail_entries(runtime):
    append_three(runtime)
    with runtime.reading() as session:
        last = session.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
        session.execute(delete(AuditEvent).where(AuditEvent.id == last.id))
    with runtime.reading() as session:
        assert "removed" in audit.verify(session).reason


def test_an_audit_entry_rolls_back_with_its_transaction(runtime):
    try:
        with runtime.unit_of_work(actor="alice") as uow:
            uow.audit("thing.changed", "thing", "x")
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    with runtime.reading() as session:
        assert session.query(AuditEvent).count() == 0
        assert audit.verify(session) is None
