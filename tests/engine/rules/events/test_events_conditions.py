import pytest

from engine.rules.events import compile_ruleset

CASES = [
    ({"errorType": "timeout"}, {"errorType": "timeout"}, {"errorType": "inventory"}),
    ({"$lt": {"attempt": 3}}, {"attempt": 2}, {"attempt": 3}),
    ({"attempt": {"$lt": 3}}, {"attempt": 2}, {"attempt": 3}),
    ({"attempt": {"$gte": 3}}, {"attempt": 3}, {"attempt": 2}),
    ({"$ne": {"errorType": "timeout"}}, {"errorType": "x"}, {"errorType": "timeout"}),
    ({"$neq": {"errorType": "timeout"}}, {"errorType": "x"}, {"errorType": "timeout"}),
    ({"errorType": "timeout", "attempt": 99}, {"errorType": "timeout", "attempt": 99},
     {"errorType": "timeout", "attempt": 3}),
    ({"$lt": {"attempt": 3, "cost": 10}}, {"attempt": 1, "cost": 5}, {"attempt": 1, "cost": 50}),
    ({"$or": [{"errorType": "timeout"}, {"errorType": "busy"}]}, {"errorType": "busy"}, {"errorType": "x"}),
    ({"$nex": {"assignee": 1}}, {"errorType": "x"}, {"assignee": "bob"}),
    ({"$ex": {"assignee": 1}}, {"assignee": "bob"}, {"errorType": "x"}),
    ({"task.type": "provision"}, {"task": {"type": "provision"}}, {"task": {"type": "design"}}),
    ({"$gt": {"elapsed": {"$m": "sla"}}}, {"elapsed": 5, "sla": 3}, {"elapsed": 2, "sla": 3}),
    ({"$mt": {"message": "time.*"}}, {"message": "timeout on port"}, {"message": "refused"}),
    ({"$imt": {"message": "time.*"}}, {"message": "TIMEOUT"}, {"message": "refused"}),
    ({"$iany": {"tags": {"$i": "vip"}}}, {"tags": ["a", "vip"]}, {"tags": ["a"]}),
    ({"$iall": {"tags": {"$gt": {"$i": 2}}}}, {"tags": [3, 4]}, {"tags": [3, 1]}),
    ({"flag": True}, {"flag": True}, {"flag": False}),
    ({"reason": None}, {"reason": None}, {"reason": "x"}),
]


@pytest.mark.parametrize("condition, matching, other", CASES)
def test_condition_matches_and_does_not_match(registry, condition, matching, other):
    body = {"rules": [{"name": "r", "when": {"m": condition}, "then": [{"action": "hold"}]}]}
    ruleset = compile_ruleset("conditions.case", 1, body, registry=registry)

    assert [d.rule_name for d in ruleset.evaluate(matching)] == ["r"]
    assert ruleset.evaluate(other) == []
