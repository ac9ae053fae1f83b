"""Fixtures of the native API tests; ``people`` and ``records``: fallout agents of two groups, a manager, an
auditor and a clerk, and an open fallout record of each group."""
import pytest

from engine.runtime.tasks.groups import add_member, create_group
from engine.store.models import FalloutRecord
from tests.api.tmf.conftest import place  # noqa: F401
from tests.engine.runtime.jeopardy.conftest import at, scanning  # noqa: F401
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import failing_resource_task

FALLOUT = "/api/v1/fallout"


@pytest.fixture
def people(make_user, runtime):
    staff = {"inv": make_user("inv", "falloutAgent"), "noc": make_user("noc", "falloutAgent"),
             "boss": make_user("boss", "falloutManager"), "audit": make_user("audit", "auditor"),
             "clerk": make_user("clerk", "orderAgent")}
    with runtime.unit_of_work(actor="admin") as uow:
        for key, member in (("inventory-team", "inv"), ("noc-business", "noc")):
            create_group(uow, key)
            add_member(uow, key, member)
    return staff


@pytest.fixture
def records(secure_client, install_pack, worker, runtime, people):  # noqa: F811
    """Two open records: one of the inventory team (as the rules open it), one moved to noc-business."""
    install_pack(failing_resource_task("no port left to reserve"))
    for n in range(2):
        placed = secure_client.post(BASE, json=fibre_order(externalId=f"fg-{n}"), headers=people["clerk"].headers)
        assert placed.status_code == 201, placed.json
    worker.run_until_idle()
    listed = secure_client.get(FALLOUT, headers=people["boss"].headers).json
    assert [r["assignmentGroup"] for r in listed] == ["inventory-team", "inventory-team"]
    with runtime.unit_of_work(actor="admin") as uow:
        uow.session.get(FalloutRecord, listed[1]["id"]).assignment_group = "noc-business"
    return {"inventory-team": listed[0]["id"], "noc-business": listed[1]["id"]}
