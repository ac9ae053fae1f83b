"""One order that cannot be assessed never stops the jeopardy scan for the others, and is never silent."""
import logging

from sqlalchemy import select

from engine.runtime.jeopardy import assess as runtime_jeopardy
from engine.store.models import PeriodicJobStatus, Task
from tests.engine.runtime.jeopardy.conftest import alerts
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order


def break_order(monkeypatch, runtime, order_id):
    """Make the assessment of ``order_id`` raise, as a corrupt order would."""
    with runtime.reading() as session:
        broken = set(session.execute(select(Task.id).where(Task.order_id == order_id)).scalars())
    assess = runtime_jeopardy.assess

    def failing(tasks, *args, **kwargs):
        if any(t.timeline.id in broken for t in tasks):
            raise ValueError("corrupt plan")
        return assess(tasks, *args, **kwargs)
    monkeypatch.setattr(runtime_jeopardy, "assess", failing)


def scan_status(runtime) -> PeriodicJobStatus | None:
    with runtime.reading() as session:
        return session.get(PeriodicJobStatus, "jeopardy.scan")


def test_the_scan_goes_on_past_a_broken_order_and_records_it(client, scanning, at, runtime, monkeypatch, caplog):
    good = scanning()
    bad = client.post(BASE, json=fibre_order()).json["id"]
    at(days=0)
    break_order(monkeypatch, runtime, bad)
    with caplog.at_level(logging.ERROR):
        at(days=3)
    assert [a.level for a in alerts(runtime, good)] == ["low"]
    assert alerts(runtime, bad) == []
    status = scan_status(runtime)
    assert status.consecutive_failures >= 1 and status.last_success_at is None
    assert status.failed_items[0] == {"subject": f"order {bad}", "error": "ValueError: corrupt plan"}
    assert status.last_error.startswith(f"order {bad}: ValueError: corrupt plan")
    assert any(r.levelno == logging.ERROR and bad in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    at(days=3, minutes=1)
    assert [a.level for a in alerts(runtime, bad)] == ["low"]
    status = scan_status(runtime)
    assert status.consecutive_failures == 0 and status.failed_items == []
    assert status.last_success_at is not None and status.last_error.startswith(f"order {bad}")


def test_the_board_lists_the_orders_it_cannot_assess_and_shows_the_others(client, scanning, at, runtime,
                                                                          monkeypatch):
    good = scanning()
    bad = client.post(BASE, json=fibre_order()).json["id"]
    at(days=3)
    break_order(monkeypatch, runtime, bad)
    board = client.get("/api/v1/jeopardy")
    assert board.status_code == 200
    assert [row["orderId"] for row in board.json] == [good] and board.headers["X-Unassessed-Count"] == "1"
    unassessed = client.get("/api/v1/jeopardy/unassessed")
    assert unassessed.json == [{"orderId": bad, "error": "ValueError: corrupt plan"}]
    assert unassessed.headers["X-Total-Count"] == "1"
