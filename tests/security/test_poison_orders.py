"""Issue 15 probe: an order holding JSON nested 940 levels deep (stored before the request limits refused it)
failed in the worker with RecursionError on every retry, forever. Now its job is stopped at the first
RecursionError and the order goes to fallout; nothing stored is lost."""
import json
import sys
from contextlib import contextmanager

from sqlalchemy import select

from engine.store.models import CustomerOrder, FalloutRecord, Job
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"

DEPTH = 940


@contextmanager
def deep_recursion():
    """Room to store the deep value (as an older Ordo, or another writer, did); the worker runs without it."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(DEPTH * 4)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def nested(depth: int):
    value = "bottom"
    for _ in range(depth):
        value = {"deeper": value}
    return value


def test_a_deeply_nested_order_goes_to_fallout_instead_of_failing_forever(client, runtime, worker, clock,
                                                                          demo_pack):
    example = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    order_id = client.post(BASE, json=example).json["id"]
    with deep_recursion(), runtime.unit_of_work(actor="test") as uow:
        stored = uow.session.get(CustomerOrder, order_id)
        item = stored.payload["productOrderItem"][0]
        item["product"]["productCharacteristic"].append({"name": "probe", "value": nested(DEPTH)})
        stored.payload = {**stored.payload, "productOrderItem": [item]}
    for _ in range(3):
        worker.run_until_idle()
        clock.advance(minutes=10)
    with runtime.reading() as session:
        jobs = session.execute(select(Job).where(Job.kind == "order.advance").order_by(Job.id)).scalars().all()
        found = session.execute(select(FalloutRecord).order_by(FalloutRecord.id)).scalars().all()
        with deep_recursion():
            stored = session.get(CustomerOrder, order_id)
    assert [(j.state, j.attempts) for j in jobs] == [("failed", 1)]
    assert "RecursionError" in jobs[0].last_error
    assert [(r.order_id, r.type, r.state) for r in found] == [(stored.id, "job.failed", "open")]
    assert stored.payload["productOrderItem"][0]["product"]["productCharacteristic"][-1]["name"] == "probe"
