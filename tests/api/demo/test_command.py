"""``ordo demo`` end to end: a real server and worker on the real clock, as ``make run`` starts them, and the
demo playing every example of the telco pack over HTTP as the demo users (tokens minted in the database)."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine.clock import SystemClock
from engine.runtime.service import Runtime
from engine.store import audit
from engine.store.models import ApiToken, AuditEvent, CustomerOrder, FalloutRecord, Product
from tests.api.live import serve
from tests.conftest import DEMO_PACK

pytestmark = pytest.mark.slow


@pytest.fixture
def cli(database_url, monkeypatch):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


@pytest.fixture
def ordo(database_url):
    running = Runtime.connect(database_url, SystemClock())
    yield running
    running.engine.dispose()


@pytest.fixture
def running_ordo(cli, database_url, ordo):
    """What `make run` starts: the pack imported and active, the demo users, the API and one worker."""
    from api.app import create_app

    assert cli("pack", "seed", DEMO_PACK).exit_code == 0
    assert cli("user", "demo").exit_code == 0
    app = create_app({"TESTING": True, "DATABASE_URL": database_url}, clock=ordo.clock)
    yield from serve(app, ordo, poll_interval=0.05)
    app.extensions["ordo"].engine.dispose()


def table_rows(output: str) -> dict[str, list[str]]:
    """The final table's rows by scenario: [order, end state, expected, verdict]."""
    lines = output.split("\n\norder ", 1)[1].splitlines()[2:-1]
    return {cells[1]: [cells[0], *cells[2:]] for cells in (line.split() for line in lines)}


def test_the_demo_plays_every_example_to_its_expected_state(cli, running_ordo, ordo):
    result = cli("demo", "--url", running_ordo, "--timeout", "60")
    print(result.output)
    assert result.exit_code == 0, result.output
    script = json.loads((DEMO_PACK / "demo.json").read_text())
    expected = {entry["example"]: entry["expect"] for entry in script["orders"]}
    rows = table_rows(result.output)
    assert {name: row[1:] for name, row in rows.items()} == {
        name: [state, state, "ok"] for name, state in expected.items()}
    assert result.output.rstrip().endswith(f"{len(expected)} of {len(expected)} examples ended as expected")

    with ordo.reading() as session:  # what the server stored, not what the demo says
        states = {order.id: order.state for order in session.scalars(select(CustomerOrder))}
        refused_at_capture = {name for name, row in rows.items() if row[0] == "-"}
        assert refused_at_capture == {"voip-without-fibre"}  # a 422 at the door stores no order
        assert {name: states[row[0]] for name, row in rows.items() if name not in refused_at_capture} == {
            name: state for name, state in expected.items() if name not in refused_at_capture}
        fibre = session.scalars(select(Product).where(Product.order_id == rows["fibre-500"][0])).one()
        assert fibre.status == "terminated"  # the changes were made to the product fibre-500 created
        ended = session.scalars(select(AuditEvent).where(AuditEvent.action == "task.waitEnded")).all()
        assert sorted(e.data["orderId"] for e in ended) == sorted(
            rows[name][0] for name in ("fibre-voip-port-in", "fibre-voip-port-in-number-missing"))
        assert {e.actor for e in ended} == {"fulfillmentManager"}
        approvers = session.scalars(select(AuditEvent.actor).where(AuditEvent.action == "approval.approved")).all()
        assert "orderApprover" in approvers and set(approvers) <= {"orderApprover", "fulfillmentManager"}
        [record] = session.scalars(select(FalloutRecord).where(
            FalloutRecord.order_id == rows["iot-apn-unknown"][0])).all()
        assert (record.assignment_group, record.state, record.resolution, record.resolved_by) == (
            "noc-business", "resolved", "retried", "falloutAgent")
        [opened] = session.scalars(select(AuditEvent).where(AuditEvent.action == "fallout.opened",
                                                            AuditEvent.entity_id == record.id)).all()
        [fixed] = session.scalars(select(AuditEvent).where(AuditEvent.action == "fallout.fixed",
                                                           AuditEvent.entity_id == record.id)).all()
        assert fixed.actor == "falloutAgent" and fixed.data["after"]["params"]["apn"] == "trackline.iot.example"
        assert fixed.id > opened.id
        assert session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).all() == []
        assert audit.verify(session) is None
    assert f"PRODUCT-ID = {fibre.id} (the fibre-500 product of fibre-500)" in result.output
    assert "fulfillmentAgent claimed install-south (field-south)" in result.output
    assert ("falloutAgent resolved fallout provisioningFailure for noc-business (rejected: apn 'trackline-iot.example'"
            " is not known to the system) by fix: apn -> trackline.iot.example (task), "
            "apn -> trackline.iot.example (line 1.iot-connectivity)") in result.output
    assert "terminatedWithError: item 1 passed the point of no return" in result.output


def test_an_example_that_ends_otherwise_than_expected_fails_the_demo(cli, running_ordo, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(DEMO_PACK, pack)
    script = json.loads((pack / "demo.json").read_text())
    for entry in script["orders"]:
        if entry["example"] == "fibre-voip-port-in":
            entry["steps"] = []  # nobody does the technician's work order: the order waits for it
    doubled = json.loads((pack / "examples" / "fibre-500.json").read_text())
    doubled["productOrderItem"] *= 2  # the same item id twice: refused at capture (422), no order stored
    (pack / "examples" / "doubled-item.json").write_text(json.dumps(doubled))
    script["orders"].append({"example": "doubled-item", "expect": "rejected"})
    (pack / "demo.json").write_text(json.dumps(script))
    result = cli("demo", "--url", running_ordo, "--pack", pack, "--only", "unknown-offering",
                 "--only", "fibre-voip-port-in", "--only", "doubled-item", "--timeout", "5")
    assert result.exit_code == 1
    rows = table_rows(result.output)
    assert rows["unknown-offering"][1:] == ["rejected", "rejected", "ok"]
    assert rows["doubled-item"] == ["-", "rejected", "rejected", "ok"]
    assert "refused at capture (422): the order items are not acceptable" in result.output
    assert rows["fibre-voip-port-in"][1] != "completed" and rows["fibre-voip-port-in"][2:] == ["completed", "FAILED"]
    assert "NOT AS EXPECTED (gave up waiting for the order to end; open: " in result.output


def test_the_demo_says_what_is_wrong_without_a_server_or_users(cli, database_url, tmp_path):
    unreachable = cli("demo", "--url", "http://127.0.0.1:9")
    assert unreachable.exit_code == 1 and "cannot reach Ordo at http://127.0.0.1:9" in unreachable.output
    bad = cli("demo", "--token", "orderAgent")
    assert bad.exit_code == 2 and "write USER=TOKEN" in bad.output
    assert "not in the demo script: nope" in cli("demo", "--only", "nope").output
