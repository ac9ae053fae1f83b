"""Reading the outbox after an id: in id order, bounded, and never past a row that may still commit."""
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from engine.runtime.events.live import feed
from engine.runtime.events.live.topics import Subscription
from engine.store.models import OutboxEvent

AT = datetime(2026, 1, 1, tzinfo=UTC)
FOLLOW = Subscription(orders=frozenset({"o1"}))


def write(runtime, *seqs: int, order: str = "o1") -> None:
    with runtime.unit_of_work(actor="test") as uow:
        for seq in seqs:
            uow.session.add(OutboxEvent(seq=seq, event_id=f"e{seq}", event_type="ProductOrderStateChangeEvent",
                                        entity_type="productOrder", entity_id=order, envelope={},
                                        summary={"orderId": order, "state": f"s{seq}"}, created_at=AT))


def read(runtime, cursor, now=0.0, grace=5.0, limit=200):
    with runtime.reading() as session:
        batch = feed.read(session, cursor, FOLLOW, now=now, grace=grace, limit=limit)
    return [event.seq for event, _ in batch.events], batch.full


def test_events_come_in_id_order_after_the_cursor_and_other_topics_only_move_it(runtime):
    write(runtime, 1, 2)
    write(runtime, 3, order="o2")
    write(runtime, 4)
    cursor = feed.Cursor(1)
    assert read(runtime, cursor) == ([2, 4], False)
    assert cursor.position == 4
    assert read(runtime, cursor) == ([], False)
    with runtime.reading() as session:
        assert feed.head(session) == 4


def test_a_missing_id_is_waited_for_then_given_up_after_the_grace(runtime):
    write(runtime, 1, 2, 4)
    cursor = feed.Cursor(0)
    assert read(runtime, cursor, now=100.0) == ([1, 2], False)
    assert (cursor.position, cursor.gap_since) == (2, 100.0)
    assert read(runtime, cursor, now=103.0) == ([], False)
    write(runtime, 3)  # the slower transaction commits within the grace: nothing is lost, the order is kept
    assert read(runtime, cursor, now=104.0) == ([3, 4], False)
    assert cursor.gap_since is None
    write(runtime, 6)  # 5 was rolled back: after the grace the cursor moves on
    assert read(runtime, cursor, now=110.0) == ([], False)
    assert read(runtime, cursor, now=115.0) == ([6], False) and cursor.position == 6


def test_a_batch_is_bounded_and_says_when_more_may_wait(runtime):
    write(runtime, 1, 2, 3)
    cursor = feed.Cursor(0)
    assert read(runtime, cursor, limit=2) == ([1, 2], True)
    assert read(runtime, cursor, limit=2) == ([3], False)


def test_an_empty_outbox_has_head_zero(runtime):
    with runtime.unit_of_work(actor="test") as uow:
        uow.session.execute(delete(OutboxEvent))
    with runtime.reading() as session:
        assert feed.head(session) == 0


def test_on_postgresql_a_gap_is_waited_for_while_its_writer_runs_and_skipped_once_it_rolled_back(runtime):
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: its ids commit in order")
    write(runtime, 1, 2, 4)
    writer = runtime.session_factory()
    writer.begin()
    writer.add(OutboxEvent(seq=3, event_id="e3", event_type="ProductOrderStateChangeEvent",
                           entity_type="productOrder", entity_id="o1", envelope={}, summary={"orderId": "o1"},
                           created_at=AT))
    writer.flush()  # written, not committed
    cursor = feed.Cursor(0)
    assert [read(runtime, cursor, now=float(n), grace=1000.0)[0] for n in range(4)] == [[1, 2], [], [], []]
    writer.commit()
    writer.close()
    assert read(runtime, cursor, now=5.0, grace=1000.0) == ([3, 4], False)
    rolled_back = runtime.session_factory()
    rolled_back.begin()
    rolled_back.add(OutboxEvent(seq=5, event_id="e5", event_type="ProductOrderStateChangeEvent",
                                entity_type="productOrder", entity_id="o1", envelope={}, created_at=AT))
    rolled_back.flush()
    write(runtime, 6)
    assert read(runtime, cursor, now=6.0, grace=1000.0) == ([], False)
    rolled_back.rollback()
    rolled_back.close()
    for poll in range(100):  # two polls, unless a transaction elsewhere in the cluster holds xmin back a little
        if read(runtime, cursor, now=7.0 + poll, grace=1000.0)[0]:
            break
        time.sleep(0.1)
    assert cursor.position == 6 and poll < 100  # well before the grace of 1000 s
