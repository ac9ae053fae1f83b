"""Fixtures of the TMF API tests."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.rulepacks.telco_demo_driver import BASE, example


@pytest.fixture
def place(client, demo_pack, worker):
    """POST a demo-pack example order and run the worker until idle; returns the order id."""
    def place(name: str) -> str:
        response = client.post(BASE, json=example(name))
        assert response.status_code == 201, response.json
        worker.run_until_idle()
        return response.json["id"]
    return place


@pytest.fixture
def statements(app):
    """Every SQL statement the app runs from now on: (SQL, parameters as text, names of the result columns)."""
    seen: list[tuple[str, str, list[str]]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        names = [column[0].lower() for column in cursor.description or []]
        seen.append((statement.lower(), str(parameters), names))

    engine = app.extensions["ordo"].engine
    event.listen(engine, "after_cursor_execute", record)
    yield seen
    event.remove(engine, "after_cursor_execute", record)
