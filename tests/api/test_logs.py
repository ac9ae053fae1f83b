"""Log lines: JSON with the request, order, job and actor they are about (ORDO_LOG_FORMAT=json); request ids."""
import json
import logging

from api.logs import JsonFormatter
from engine import log_context
from engine.runtime.jobs.worker import Worker

ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"


def as_json(record: logging.LogRecord) -> dict:
    return json.loads(JsonFormatter().format(record))


def test_a_json_line_carries_what_is_bound_where_it_was_logged(caplog):
    caplog.set_level(logging.INFO, logger="ordo.test")
    with log_context.bound(order_id="o-1", job_id=7):
        logging.getLogger("ordo.test").info("advanced %s", "o-1")
    logging.getLogger("ordo.test").info("outside")
    inside, outside = (as_json(record) for record in caplog.records)
    assert inside["message"] == "advanced o-1" and inside["level"] == "INFO" and inside["logger"] == "ordo.test"
    assert (inside["order_id"], inside["job_id"]) == ("o-1", 7) and inside["timestamp"].endswith("+00:00")
    assert "order_id" not in outside


def test_each_request_gets_an_id_and_a_json_access_line_with_its_route_and_actor(
        secure_client, make_user, monkeypatch, caplog):
    monkeypatch.setenv("ORDO_LOG_FORMAT", "json")
    caplog.set_level(logging.INFO, logger="ordo.request")
    agent = make_user("agent", "orderAgent")
    given = secure_client.get(f"{ORDERS}/nope", headers={**agent.headers, "X-Request-Id": "trace-42"})
    assert given.headers["X-Request-Id"] == "trace-42"
    made_up = secure_client.get("/api/v1/health", headers={"X-Request-Id": "not allowed\u2028 here"})
    assert made_up.headers["X-Request-Id"] != "not allowed\u2028 here" and len(made_up.headers["X-Request-Id"]) == 32
    lines = [as_json(record) for record in caplog.records]
    assert lines[0]["request_id"] == "trace-42" and lines[0]["actor"] == "agent"
    assert (lines[0]["method"], lines[0]["route"], lines[0]["status"]) == ("GET", f"{ORDERS}/<order_id>", 404)
    assert lines[1]["request_id"] == made_up.headers["X-Request-Id"] and lines[1]["route"] == "/api/v1/health"


def test_no_access_lines_in_the_human_format(client, monkeypatch, caplog):
    monkeypatch.delenv("ORDO_LOG_FORMAT", raising=False)
    caplog.set_level(logging.INFO, logger="ordo.request")
    client.get("/api/v1/health")
    assert not caplog.records


def test_a_job_s_log_lines_carry_the_job_and_its_order(runtime, caplog):
    caplog.set_level(logging.WARNING, logger="ordo.worker")
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue("diagnostic.fail", {"orderId": "o-9", "message": "boom"})
    Worker(runtime.session_factory, runtime.clock, worker_id="w-log").run_once()
    line = as_json(next(record for record in caplog.records if "failed" in record.getMessage()))
    assert line["order_id"] == "o-9" and line["job_kind"] == "diagnostic.fail" and isinstance(line["job_id"], int)
