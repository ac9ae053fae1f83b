"""A small, complete rule pack built from the artifact-kind fixtures, for pipeline tests."""
from __future__ import annotations

import json

import pytest

from engine.runtime.tasks.handlers.inventory import reserve
from engine.runtime.tasks.handlers.registry import TASK_HANDLERS, TaskHandler
from studio.packs import PackSource, activate, import_pack
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "engine" / "kinds" / "fixtures"
BASE = "/tmf-api/productOrderingManagement/v4/productOrder"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def simple_plan(key: str) -> dict:
    return {"kind": "orchestration_plan", "key": key, "schemaVersion": 1, "title": key, "tests": [],
            "body": {"tasks": [{"key": "activate", "name": "Activate", "type": "auto", "handler": "simulator.run",
                                "duration": "PT1M", "sla": "PT1H"}]}}


APPROVAL = {"kind": "decision_table", "key": "approval.mini", "schemaVersion": 1, "title": "approval", "tests": [],
            "body": {"hitPolicy": "FIRST",
                     "inputs": [{"name": "oneTime", "path": "totals.oneTime", "type": "number"}],
                     "outputs": [{"name": "decision", "type": "string"}, {"name": "role", "type": "string"},
                                 {"name": "reason", "type": "string"}],
                     "rules": [{"id": "big", "inputEntries": ["> 50"],
                                "outputEntries": ["approvalTask", "orderApprover", "one-time charges above 50"]},
                               {"id": "auto", "inputEntries": ["-"], "outputEntries": ["autoApprove", None, None]}]}}


def mini_pack(mutate=None) -> PackSource:
    catalog, prices, rules, plan = (fixture("catalog"), fixture("price_list"), fixture("decomposition_rules"),
                                    fixture("orchestration_plan"))
    catalog["body"]["productSpecifications"][0]["productSpecCharacteristic"][0]["minCardinality"] = 0
    catalog["tests"] = []
    prices["body"]["prices"] = [p for p in prices["body"]["prices"] if p["productOffering"] != "iot-sim-fleet"]
    prices["tests"] = []
    plan["body"]["tasks"][0]["handler"] = "inventory.reserve_port"
    documents = [catalog, prices, rules, plan, simple_plan("plan.simple"), APPROVAL]
    bindings = {"catalog": catalog["key"], "pricing": {"priceList": prices["key"]}, "approval": APPROVAL["key"],
                "decomposition": rules["key"],
                "orchestration": {"service": plan["key"], "product": "plan.simple", "resource": "plan.simple"}}
    if mutate:
        mutate(documents, bindings)
    return PackSource("mini", "mini pack", bindings, documents)


@pytest.fixture
def reserve_port_handler(monkeypatch):
    monkeypatch.setitem(TASK_HANDLERS, "inventory.reserve_port", TaskHandler("inventory.reserve_port", reserve))
    monkeypatch.setitem(TASK_HANDLERS, "inventory.release_port", TASK_HANDLERS["inventory.release"])


@pytest.fixture
def install_pack(runtime, reserve_port_handler):
    def install(mutate=None):
        with runtime.unit_of_work(actor="test") as uow:
            pack = import_pack(uow, mini_pack(mutate))
            activate(uow, pack)
        return pack
    return install


def fibre_order(bandwidth: int | None = 500, **extra) -> dict:
    characteristics = [{"name": "bandwidth", "value": bandwidth}] if bandwidth is not None else []
    return {"relatedParty": [{"id": "cust-1", "role": "customer", "name": "Ada", "@referredType": "Individual"}],
            "productOrderItem": [{"id": "1", "action": "add", "quantity": 1,
                                  "productOffering": {"id": "fibre-500"},
                                  "product": {"productCharacteristic": characteristics,
                                              "place": [{"id": "site-1", "role": "installationAddress"}]}}],
            **extra}
