"""Hostile input (issue 15, item 3): a published rule that explodes makes its order fall out, not the worker hang.

The enrichment flow doubles a text through ``reduce`` (2**41 characters on the last item) for orders of the
category ``explode`` only; the order goes in through the TMF API and the worker runs the pipeline.
"""
import pytest
from sqlalchemy import select

from engine.kinds.documents import compile_document, run_document_tests
from engine.rules.jsonlogic import JsonLogicLimitExceeded
from engine.runtime.jobs.queue import FAILED
from engine.store.models import CustomerOrder, Job
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401 - fixtures
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)

DOUBLING = {"reduce": [list(range(40)), {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]}
EXPLOSIVE = {"if": [{"==": [{"var": "order.category"}, "explode"]}, DOUBLING, 24]}
FLOW = {"kind": "enrichment_flow", "key": "enrich.explosive", "schemaVersion": 1, "title": "explosive", "tests": [],
        "body": {"steps": [{"id": "note", "type": "set",
                            "assignments": [{"target": "order.term", "value": EXPLOSIVE}]}]}}
LOCATION = "enrich.explosive:/body/steps/0/assignments/0/value/if/1/reduce/1"


def with_explosive_flow(documents, bindings):
    documents.append(FLOW)
    bindings["enrichment"] = FLOW["key"]


def fallout_of(client, order_id: str) -> list[dict]:
    return [record for record in client.get("/api/v1/fallout").json if record["orderId"] == order_id]


def stored_payload(runtime, order_id: str) -> dict:
    with runtime.reading() as session:
        return session.get(CustomerOrder, order_id).payload


def test_an_explosive_rule_makes_its_order_fall_out_and_the_worker_serves_the_next(
        client, install_pack, worker, runtime):  # noqa: F811
    install_pack(with_explosive_flow)
    hostile = client.post(BASE, json=fibre_order(category="explode")).json["id"]
    ordinary = client.post(BASE, json=fibre_order(category="business")).json["id"]
    worker.run_until_idle()

    [record] = fallout_of(client, hostile)
    assert (record["type"], record["state"], record["taskId"]) == ("ruleError", "open", None)
    assert record["details"]["location"] == LOCATION
    assert (record["details"]["limit"], record["details"]["value"]) == ("text_length", 1_000_000)
    assert record["error"].startswith(f"{LOCATION}: the rule exceeds its text_length limit")
    order = client.get(f"/api/v1/orders/{hostile}").json
    assert order["stage"] == "enriching" and "term" not in stored_payload(runtime, hostile)

    assert fallout_of(client, ordinary) == []
    assert stored_payload(runtime, ordinary)["term"] == 24  # enrichment facts stay internal to TMF622 readers
    assert client.get(f"/api/v1/orders/{ordinary}").json["stage"] != "enriching"
    with runtime.session_factory() as session:
        assert session.execute(select(Job.id).where(Job.state == FAILED).order_by(Job.id)).all() == []


def test_an_artifact_test_meeting_a_limit_fails_with_the_location():
    document = {**FLOW, "tests": [{"name": "explodes", "input": {"order": {"category": "explode"}}, "expect": {}}]}
    [result] = run_document_tests(document)
    assert not result.passed
    assert LOCATION in result.message and "text_length" in result.message


def test_a_decision_table_cell_meeting_a_limit_names_the_table_and_the_cell():
    table = {"kind": "decision_table", "key": "dt.explosive", "schemaVersion": 1, "title": "explosive", "tests": [],
             "body": {"hitPolicy": "FIRST", "inputs": [{"name": "total", "path": "total", "type": "number"}],
                      "outputs": [{"name": "label", "type": "string"}],
                      "rules": [{"id": "r1", "inputEntries": ["-"], "outputEntries": [{"jsonlogic": DOUBLING}]}]}}
    with pytest.raises(JsonLogicLimitExceeded) as raised:
        compile_document(table).evaluate({"total": 1})
    assert raised.value.location == "dt.explosive:/body/rules/0/outputEntries/0/jsonlogic/reduce/1"
