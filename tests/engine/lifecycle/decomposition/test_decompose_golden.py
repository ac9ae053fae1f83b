"""Golden file: the whole plan (domain orders, lines, tasks, problems, critical path, trace) of a mixed order.

Regenerate after an intended change: ORDO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/engine/lifecycle/decomposition
"""
import json
import os
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden") / "decompose_mixed_order.json"


def test_mixed_order_matches_the_golden_file(decompose, item, order):
    plan = decompose(order(item("1", "office-pack", bandwidth=500), item("2", "sdwan-pack", quantity=3),
                           item("3", "fibre-500", bandwidth=100, ownEquipment=True), item("4", "gadget"),
                           item("5", "nope"), total=20000))
    actual = json.loads(json.dumps(plan.to_dict(), sort_keys=True))
    if os.environ.get("ORDO_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
    assert actual == json.loads(GOLDEN.read_text())
