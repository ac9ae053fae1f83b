"""The SQL statements one order costs, pinned: a change that adds round trips to the hot path shows here.

The demo's fibre + router + static IP order (all-auto plans, 13 task transitions) is posted through the TMF622
API and run to completion by one worker; the statements each side sends are counted at the driver (one per
``execute``/``executemany``). The budgets are today's counts: lower them when a change saves statements, and
raise one only with the reason in the commit. Timing is measured in ``bench/orders_e2e.py``, not here.
"""
import json

import pytest
from sqlalchemy import event, select

from engine.store.models import CustomerOrder
from tests.conftest import BACKEND, DEMO_PACK

ORDER_PATH = "/tmf-api/productOrderingManagement/v4/productOrder"
BUDGETS = {"sqlite": {"api": 13, "worker": 50}, "postgresql": {"api": 12, "worker": 46}}
"""Statements for the POST (API) and for running the order to completion (worker), by backend."""


class Counter:
    def __init__(self):
        self.statements = 0

    def __call__(self, *_args) -> None:
        self.statements += 1


def counted(engine, action) -> int:
    counter = Counter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return counter.statements


@pytest.fixture
def order():
    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    return {key: value for key, value in document.items() if key != "externalId"}


def test_one_order_costs_at_most_its_statement_budget(client, app, demo_pack, worker, runtime, order):
    assert client.post(ORDER_PATH, json=order).status_code == 201  # warm caches: the budget is the steady state
    worker.run_until_idle()
    responses = []
    api = counted(app.extensions["ordo"].engine, lambda: responses.append(client.post(ORDER_PATH, json=order)))
    assert responses[0].status_code == 201, responses[0].json
    jobs = []
    work = counted(runtime.engine, lambda: jobs.append(worker.run_until_idle()))
    with runtime.reading() as session:
        state = session.execute(select(CustomerOrder.state).where(CustomerOrder.id == responses[0].json["id"])).scalar()
    assert state == "completed" and jobs == [1]
    budget, spent = BUDGETS[BACKEND], {"api": api, "worker": work}
    assert all(spent[side] <= budget[side] for side in budget), f"statements sent {spent}, budget {budget}"
