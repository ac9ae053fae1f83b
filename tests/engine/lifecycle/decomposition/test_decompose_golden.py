"""Golden file: the whole plan (domain orders, lines, tasks, problems, critical path, trace) of a mixed order.

Regenerate after an intended change: ORDO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/engine/lifecycle/decomposition
The facts below are written by hand from the test catalog and rules (conftest.py) and are checked on the plan
and on the golden file, so a regenerated golden that lost one of them fails.
"""
import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden") / "decompose_mixed_order.json"

# ref -> (fulfilment system, state, domain orders it waits for, {line id: (specification, quantity)})
DOMAIN_ORDERS = {
    # office pack: its fibre (1) and two VoIP lines (2); item 3's fibre; the gadget (4) has no rule
    "product:crm": ("crm", "scheduled", set(), {
        "1.product-fibre": ("spec-fibre", 1), "1.product-voip": ("spec-voip", 2),
        "3.product-fibre": ("spec-fibre", 1)}),
    # rfs-gpon realises two ONTs; item 3 has its own equipment (no ONT); three SD-WAN sites, three CPEs
    "resource:inv": ("inv", "scheduled", set(), {
        "1.ont": ("res-ont", 2), "1.office-voice-number": ("res-number", 1), "2.cpe": ("res-cpe", 3)}),
    # internet dependsOn the ONT
    "service:oss-fibre": ("oss-fibre", "scheduled", {"resource:inv"}, {
        "1.internet": ("cfs-internet", 1), "3.internet": ("cfs-internet", 1)}),
    # cfs-voice is bound to plan.voice, requires cfs-internet, and misses portInNumber
    "service:oss-voice:plan.voice": ("oss-voice", "awaitingInformation", {"service:oss-fibre"}, {
        "1.voice": ("cfs-voice", 2)}),
    # sdwan dependsOn cpe; its quantity rule is the item quantity
    "service:oss-sdwan": ("oss-sdwan", "scheduled", {"resource:inv"}, {"2.sdwan": ("cfs-sdwan", 3)}),
}


def mixed_plan(decompose, item, order) -> dict:
    plan = decompose(order(item("1", "office-pack", bandwidth=500), item("2", "sdwan-pack", quantity=3),
                           item("3", "fibre-500", bandwidth=100, ownEquipment=True), item("4", "gadget"),
                           item("5", "nope"), total=20000))
    return json.loads(json.dumps(plan.to_dict(), sort_keys=True))


def check_facts(plan: dict) -> None:
    found = {d["ref"]: (d["fulfilmentSystem"], d["state"], set(d["dependsOn"]),
                        {line["id"]: (line["specification"], line["quantity"]) for line in d["lines"]})
             for d in plan["domainOrders"]}
    assert found == DOMAIN_ORDERS
    assert sum(len(d["lines"]) for d in plan["domainOrders"]) == 10
    voice = next(d for d in plan["domainOrders"] if d["ref"] == "service:oss-voice:plan.voice")
    assert voice["tasks"] == [] and voice["missing"] == [
        {"characteristic": "portInNumber", "itemId": "1", "specification": "cfs-voice"}]
    fibre = next(d for d in plan["domainOrders"] if d["ref"] == "service:oss-fibre")
    assert [t["key"] for t in fibre["tasks"] if not t["skipped"]] == ["design", "approve", "activate"]  # total 20000
    assert [(p["code"], p["itemId"]) for p in plan["problems"]] == [("unknown_offering", "5")]


@pytest.mark.parametrize("source", ["plan", "golden file"])
def test_mixed_order_holds_the_hand_written_facts(source, decompose, item, order):
    check_facts(mixed_plan(decompose, item, order) if source == "plan" else json.loads(GOLDEN.read_text()))


def test_the_facts_check_fails_on_a_plan_that_lost_a_dependency():
    golden = json.loads(GOLDEN.read_text())
    next(d for d in golden["domainOrders"] if d["ref"] == "service:oss-sdwan")["dependsOn"] = []
    with pytest.raises(AssertionError):
        check_facts(golden)


def test_mixed_order_matches_the_golden_file(decompose, item, order):
    actual = mixed_plan(decompose, item, order)
    if os.environ.get("ORDO_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    assert actual == json.loads(GOLDEN.read_text())
