"""What the worker reads and writes for decomposition, fulfilment and completion: rows the run already holds are
not read again, the breakers of a fulfilment run are read in one query, task updates go out in one batch."""
import json
import re

from sqlalchemy import event, select

from engine.runtime.tasks.outcomes import write_alike
from engine.store.models import CustomerOrder, Task
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
    assert len(reading(seen, "products")) == 1


def test_task_updates_changing_different_columns_go_out_in_one_statement(client, demo_pack, worker, runtime):
    order = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    assert client.post(BASE, json=order).status_code == 201
    worker.run_until_idle()
    with runtime.unit_of_work("test") as uow:
        order_id = uow.session.execute(select(CustomerOrder.id)).scalar_one()
        first, second, untouched = uow.session.execute(select(Task).where(Task.order_id == order_id)
                                                       .order_by(Task.id).limit(3)).scalars()
        first.assignee, second.notes = "ann", [{"text": "seen"}]
        write_alike([first, second, untouched])
        seen = statements(runtime.engine, uow.session.flush)
        ids = first.id, second.id, untouched.id
    assert len([s for s in seen if s.startswith("UPDATE tasks ")]) == 1
    with runtime.reading() as session:
        rows = {t.id: t for t in session.execute(select(Task).where(Task.id.in_(ids))).scalars()}
    assert rows[ids[0]].assignee == "ann" and rows[ids[0]].notes == []
    assert rows[ids[1]].assignee is None and rows[ids[1]].notes == [{"text": "seen"}]
