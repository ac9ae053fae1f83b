"""The indexed evaluation must give exactly what a linear scan gives, for every hit policy."""

import random

import pytest

from engine.rules.decision_table import DecisionTableError, compile_table

SEGMENTS = ["gold", "silver", "bronze", "platinum"]
POLICIES = [("UNIQUE", None), ("FIRST", None), ("PRIORITY", None), ("ANY", None), ("COLLECT", None),
            ("COLLECT", "SUM"), ("COLLECT", "MIN"), ("COLLECT", "MAX"), ("COLLECT", "COUNT"),
            ("RULE ORDER", None), ("OUTPUT ORDER", None)]
OUTPUT_VALUES = [0, 1, 2, 5, 10]


def segment_cell(rng):
    choice = rng.random()
    if choice < 0.3:
        return "-"
    if choice < 0.75:
        return ",".join(f'"{s}"' for s in rng.sample(SEGMENTS, rng.randint(1, 2)))
    if choice < 0.9:
        return f'not("{rng.choice(SEGMENTS)}")'
    return "null"


def number_cell(rng):
    choice = rng.random()
    a, b = sorted(rng.sample(range(0, 10), 2))
    if choice < 0.25:
        return "-"
    if choice < 0.6:
        return ", ".join(str(n) for n in rng.sample(range(10), rng.randint(1, 3)))
    if choice < 0.75:
        return f"{rng.choice(['<', '<=', '>', '>='])} {a}"
    if choice < 0.9:
        return f"{rng.choice('[(]')}{a}..{b}{rng.choice('[)]')}"
    return f"= {a}"


def flag_cell(rng):
    return rng.choice(["-", "-", "true", "false", "true, false", "null"])


def random_body(rng, policy, aggregation):
    two_outputs = aggregation is None and rng.random() < 0.3
    outputs = [{"name": "out", "type": "number", "allowedValues": rng.sample(OUTPUT_VALUES, 5)}]
    if two_outputs:
        outputs.append({"name": "tag", "type": "string", "allowedValues": ["a", "b"]})
    if rng.random() < 0.3:
        outputs[0]["default"] = outputs[0]["allowedValues"][0]
    rules = []
    for row in range(rng.randint(1, 25)):
        entries = [rng.choice(OUTPUT_VALUES)] + ([rng.choice("ab")] if two_outputs else [])
        rules.append({"id": f"row{row}", "inputEntries": [segment_cell(rng), number_cell(rng), flag_cell(rng)],
                      "outputEntries": entries})
    body = {"hitPolicy": policy, "outputs": outputs, "rules": rules, "inputs": [
        {"name": "segment", "type": "string"}, {"name": "n", "type": "number"}, {"name": "flag", "path": "f"}]}
    if aggregation:
        body["aggregation"] = aggregation
    return body


def random_context(rng):
    return {"segment": rng.choice(SEGMENTS + [None, 3]), "n": rng.choice([*range(-1, 11), 2.5, None, "4"]),
            "f": rng.choice([True, False, None, 1])}


def outcome(table, context):
    try:
        result = table.evaluate(context)
    except DecisionTableError as error:
        return ("error", error.code, error.message)
    return (result.value, result.matched_rule_ids, result.selected_rule_ids, result.trace)


@pytest.mark.parametrize("seed", range(40))
def test_indexed_equals_linear_scan(seed):
    rng = random.Random(seed)
    policy, aggregation = POLICIES[seed % len(POLICIES)]
    body = random_body(rng, policy, aggregation)
    indexed, linear = compile_table(body, indexed=True), compile_table(body, indexed=False)
    assert indexed.indexed and not linear.indexed
    for _ in range(15):
        context = random_context(rng)
        assert outcome(indexed, context) == outcome(linear, context), (body, context)


def test_index_actually_prunes_rows():
    rules = [{"id": f"r{i}", "inputEntries": [f'"s{i}"'], "outputEntries": [i]} for i in range(200)]
    body = {"hitPolicy": "UNIQUE", "inputs": [{"name": "s", "type": "string"}],
            "outputs": [{"name": "o"}], "rules": rules}
    table = compile_table(body)
    assert bin(table.index.candidates([("s", "s7")])).count("1") == 1
    assert table.evaluate({"s": "s7"}).value == 7
