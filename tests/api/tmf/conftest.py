"""Fixtures of the TMF API tests."""
from __future__ import annotations

import pytest

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
