"""The server-sent-events loop, on a fake clock: events, heartbeats, the moving cursor, the lifetime."""
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from api.native import sse
from engine.runtime.events.live import feed
from engine.runtime.events.live.topics import Subscription
from engine.store.models import OutboxEvent


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_settings_come_from_the_app_config_with_defaults():
    settings = sse.StreamSettings.from_config({"STREAM_HEARTBEAT_SECONDS": "2", "STREAM_BATCH": 5})
    assert (settings.heartbeat, settings.batch, settings.lifetime, settings.max_connections) == (2.0, 5, 300.0, 4)
    for bad, message in (("abc", "must be a number, not 'abc'"), (0, "must be positive")):
        with pytest.raises(ValueError, match=f"STREAM_BATCH {message}"):
            sse.StreamSettings.from_config({"STREAM_BATCH": bad})


def test_the_app_refuses_to_start_with_a_bad_setting(database_url):
    from api.app import create_app

    with pytest.raises(ValueError, match="STREAM_LIFETIME_SECONDS must be a number"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "STREAM_LIFETIME_SECONDS": "forever"})


def test_the_loop_sends_events_beats_moves_the_cursor_and_ends(runtime):
    with runtime.unit_of_work(actor="test") as uow:
        for seq, order in ((1, "o1"), (2, "o2")):
            uow.session.add(OutboxEvent(seq=seq, event_id=f"e{seq}", event_type="ProductOrderCreateEvent",
                                        entity_type="productOrder", entity_id=order, envelope={},
                                        summary={"orderId": order, "state": "acknowledged"},
                                        created_at=datetime(2026, 1, 1, tzinfo=UTC)))
    sessions = []

    @contextmanager
    def reading():
        with runtime.reading() as session:
            sessions.append(session)
            yield session
        assert not session.in_transaction()  # nothing is held between polls

    clock = Clock()
    settings = sse.StreamSettings(heartbeat=1.0, lifetime=3.5, poll=0.25, grace=1.0)
    text = "".join(sse.frames(reading, Subscription(orders=frozenset({"o1"})), feed.Cursor(0), settings,
                              clock=clock, sleep=clock.sleep))
    blocks = text.split("\n\n")
    assert blocks[0] == "retry: 3000\nid: 0"
    assert blocks[1].startswith("id: 1\nevent: ProductOrderCreateEvent\ndata: {\"eventId\":\"e1\"")
    assert blocks[2] == ": keepalive\nid: 2"  # o2's event is not sent, but the cursor moved over it
    assert blocks[3:] == [": keepalive", ": keepalive", ": lifetime over, reconnect", ""]
    assert clock.now == 3.5 and len(sessions) == 15
