"""The demo script of the telco pack and its checks: every example listed, placeholders filled, problems named."""
from __future__ import annotations

import json
import shutil

import pytest

from api.demo.play import MissingFill, Outcome, fill_values
from api.demo.report import table
from api.demo.script import ScriptError, load_script, order_body, placeholders
from tests.conftest import DEMO_PACK


def load(folder=DEMO_PACK):
    return load_script(folder / "demo.json", folder / "examples")


@pytest.fixture
def pack(tmp_path):
    """A copy of the demo pack's script and examples, to break."""
    shutil.copy(DEMO_PACK / "demo.json", tmp_path / "demo.json")
    shutil.copytree(DEMO_PACK / "examples", tmp_path / "examples")
    return tmp_path


def edit(pack, change) -> None:
    document = json.loads((pack / "demo.json").read_text())
    change(document)
    (pack / "demo.json").write_text(json.dumps(document))


def test_the_shipped_script_plays_every_example_with_its_expected_state():
    script = load()
    examples = sorted(p.stem for p in (DEMO_PACK / "examples").glob("*.json"))
    assert sorted(e.example for e in script.entries) == examples and len(examples) == 18
    expected = {e.example: e.expect for e in script.entries}
    assert (expected["unknown-offering"], expected["voip-without-fibre"], expected["fibre-cancel-before-install"]) \
        == ("rejected", "rejected", "cancelled")
    assert {e.example for e in script.entries if e.expect == "completed"} == set(examples) - {
        "unknown-offering", "voip-without-fibre", "fibre-cancel-before-install"}
    order = [e.example for e in script.entries]  # the product is changed after it exists, resumed after suspended
    assert order.index("fibre-500") < order.index("fibre-500-modify-term") < order.index("fibre-500-suspend") \
        < order.index("fibre-500-resume") < order.index("fibre-500-disconnect")
    assert script.people["endWait"] == "fulfillmentManager"
    apn = next(e for e in script.entries if e.example == "iot-apn-unknown")
    assert [(s["do"], s["action"], s["characteristics"]) for s in apn.steps] == [
        ("resolveFallout", "fix", {"apn": "trackline.iot.example"})]


def test_placeholders_are_found_and_filled_and_external_ids_made_unique():
    entry = next(e for e in load().entries if e.example == "fibre-500-disconnect")
    assert placeholders(entry.body) == {"PRODUCT-ID"}
    assert placeholders({"a": ["EUR", "Jane Example", "fibre-500", {"b": "ORDER-ID"}], "c": 3}) == {"ORDER-ID"}
    body = order_body(entry, {"PRODUCT-ID": "p-1"}, "run7")
    assert body["productOrderItem"][0]["product"]["id"] == "p-1"
    assert body["externalId"] == "demo-fibre-500-disconnect-run7"
    assert entry.body["productOrderItem"][0]["product"]["id"] == "PRODUCT-ID"  # the example is left as it is


def test_fill_values_take_the_product_or_order_of_the_earlier_example():
    entry = next(e for e in load().entries if e.example == "fibre-500-suspend")
    fibre = Outcome("fibre-500", "completed", "o-1", "completed", products=[
        {"id": "p-ip", "productOffering": {"id": "static-ip"}}, {"id": "p-1", "productOffering": {"id": "fibre-500"}}])
    assert fill_values(entry, {"fibre-500": fibre}) == {"PRODUCT-ID": "p-1"}
    failed = Outcome("fibre-500", "completed", "o-1", "failed")
    with pytest.raises(MissingFill, match="the order of fibre-500 \\(failed\\) created no fibre-500 product"):
        fill_values(entry, {"fibre-500": failed})
    with pytest.raises(MissingFill, match="was not captured"):
        fill_values(entry, {})


def test_every_problem_of_a_script_is_named_with_its_place(pack):
    def break_it(document):
        orders = document["orders"]
        orders[0]["expect"] = "done"
        orders[1]["steps"] = [{"do": "teleport"}]
        suspend = next(o for o in orders if o["example"] == "fibre-500-suspend")
        suspend["fill"] = {"PRODUCT-ID": {"productOf": "fibre-500-disconnect"}}
        orders.append({"example": "no-such-example", "expect": "completed"})
        document["orders"] = [o for o in orders if o["example"] != "fibre-500-resume"]
    edit(pack, break_it)
    (pack / "examples" / "an-unscripted-example.json").write_text('{"externalId": "x", "productOrderItem": []}')
    with pytest.raises(ScriptError) as refused:
        load(pack)
    problems = "\n".join(refused.value.problems)
    assert "demo.json#/orders/0/expect: one of cancelled, completed, failed, partial, rejected" in problems
    assert "demo.json#/orders/1/steps/0: an object whose 'do' is one of" in problems
    assert "/fill/PRODUCT-ID: productOf or orderOf an example played earlier" in problems
    assert "no-such-example.json: file not found" in problems
    assert "examples/fibre-500-resume.json: not in the demo script demo.json" in problems
    assert "examples/an-unscripted-example.json: not in the demo script demo.json" in problems


def test_a_fallout_resolution_names_a_known_action_and_a_fix_says_what_it_corrects(pack):
    def break_it(document):
        document["onFallout"] = {"action": "shrug"}
        entry = next(o for o in document["orders"] if o["example"] == "iot-apn-unknown")
        entry["steps"] = [{"do": "resolveFallout", "action": "fix", "reason": "looks fine now"},
                          {"do": "resolveFallout", "action": "fix", "characteristics": {}},
                          {"do": "resolveFallout", "action": "fix", "params": {"apn": "x"}}]
    edit(pack, break_it)
    with pytest.raises(ScriptError) as refused:
        load(pack)
    problems = refused.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "demo.json#/orders/4/steps/0", "demo.json#/orders/4/steps/1", "demo.json#/onFallout/action"]
    assert "a fix says what it corrects" in problems[0]
    assert "one of cancelOrder, failItem, fix, forceComplete, retry" in problems[2]


def test_a_placeholder_without_a_fill_is_refused(pack):
    edit(pack, lambda document: next(o for o in document["orders"] if o["example"] == "fibre-500-resume")
         .pop("fill"))
    with pytest.raises(ScriptError, match="fibre-500-resume.json has the placeholder 'PRODUCT-ID'"):
        load(pack)


def test_the_table_shows_each_order_and_says_which_did_not_end_as_expected():
    printed = table([Outcome("fibre-500", "completed", "o-1", "completed"),
                     Outcome("unknown-offering", "rejected", "o-2", "completed"),
                     Outcome("sdwan-12-sites", "completed", "o-3", "inProgress", problem="gave up")])
    lines = printed.splitlines()
    assert lines[0].split() == ["order", "scenario", "end", "state", "expected"]
    assert lines[2].split() == ["o-1", "fibre-500", "completed", "completed", "ok"]
    assert lines[3].split() == ["o-2", "unknown-offering", "completed", "rejected", "FAILED"]
    assert lines[4].split() == ["o-3", "sdwan-12-sites", "inProgress", "completed", "FAILED"]
    assert lines[-1] == "1 of 3 examples ended as expected; not: unknown-offering, sdwan-12-sites"
