"""What the worker reads and writes for decomposition, fulfilment and completion: rows the run already holds are
not read again, the breakers of a fulfilment run are read in one query."""
import json
import re

from sqlalchemy import event

from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"


def statements(engine, run):
    seen = []

    def log(conn, cursor, statement, params, context, executemany):
        seen.append(re.sub(r"\s+", " ", statement))
    event.listen(engine, "before_cursor_execute", log)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", log)
    return seen


def reading(seen, table):
    return [s for s in seen if s.startswith("SELECT") and f" FROM {table} " in f"{s} "]


def test_one_order_reads_each_row_once(client, demo_pack, worker, runtime):
    order = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    response = client.post(BASE, json=order)
    assert response.status_code == 201, response.json
    seen = statements(runtime.engine, worker.run_until_idle)
    assert client.get(f"{BASE}/{response.json['id']}").json["state"] == "completed"
    assert len(reading(seen, "system_breakers")) == 1
    assert len(reading(seen, "rule_packs")) == 1
    assert reading(seen, "domain_orders") == [] and reading(seen, "tasks") == []
    assert len(reading(seen, "products")) == 2
