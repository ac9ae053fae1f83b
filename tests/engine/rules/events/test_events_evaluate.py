from decimal import Decimal

import pytest

from engine.rules.events import ActionDecision, EventValueError, compile_ruleset

RETRY = {"action": "retry", "params": {"backoffSeconds": 30}}
FALLOUT = {"action": "createFallout",
           "params": {"type": "inventory allocation", "priority": 2, "assignmentGroup": "inventory-team"}}


def rule(name, when, then=None, priority=None):
    body = {"name": name, "when": {"m": when}, "then": then or [{"action": "notify", "params": {"to": name}}]}
    if priority is not None:
        body["priority"] = priority
    return body


def names(decisions):
    return [d.rule_name for d in decisions]


def test_brief_example_decides_retry_for_early_timeout(registry):
    body = {"rules": [
        {"name": "retry transient errors",
         "when": {"m": {"$and": [{"errorType": "timeout"}, {"attempt": {"$lt": 3}}]}},
         "then": [RETRY], "priority": 1},
        {"name": "inventory fallout", "when": {"m": {"errorType": "inventory"}}, "then": [FALLOUT]},
    ]}
    ruleset = compile_ruleset("fallout.tasks", 1, body, registry=registry)

    assert ruleset.evaluate({"errorType": "timeout", "attempt": 1}) == [
        ActionDecision("retry transient errors", "retry", {"backoffSeconds": 30})]
    assert ruleset.evaluate({"errorType": "inventory", "attempt": 9}) == [
        ActionDecision("inventory fallout", "createFallout", FALLOUT["params"])]


def test_no_match_is_an_empty_list(registry):
    ruleset = compile_ruleset("fallout.none", 1, {"rules": [rule("a", {"errorType": "timeout"})]},
                              registry=registry)

    assert ruleset.evaluate({"errorType": "inventory"}) == []
    assert ruleset.evaluate({}) == []


def test_empty_ruleset_decides_nothing(registry):
    ruleset = compile_ruleset("fallout.empty", 1, {"rules": []}, registry=registry)

    assert ruleset.registered_name is None
    assert ruleset.evaluate({"errorType": "timeout"}) == []


def test_all_matching_rules_decide_in_priority_then_position_order(registry):
    body = {"rules": [
        rule("no priority first", {"errorType": "timeout"}),
        rule("priority 5", {"errorType": "timeout"}, priority=5),
        rule("not matching", {"errorType": "inventory"}, priority=0),
        rule("priority 1", {"$ex": {"errorType": 1}}, priority=1),
        rule("no priority last", {"$ex": {"errorType": 1}}),
        rule("also priority 1", {"errorType": "timeout"}, priority=1),
    ]}
    ruleset = compile_ruleset("fallout.order", 1, body, registry=registry)

    assert names(ruleset.evaluate({"errorType": "timeout"})) == [
        "priority 1", "also priority 1", "priority 5", "no priority first", "no priority last"]


def test_first_match_only_keeps_the_first_rule_in_order(registry):
    body = {"firstMatchOnly": True, "rules": [
        rule("late", {"errorType": "timeout"}, priority=9),
        rule("early", {"errorType": "timeout"}, [RETRY, {"action": "hold"}], priority=2),
    ]}
    ruleset = compile_ruleset("fallout.first", 1, body, registry=registry)

    decisions = ruleset.evaluate({"errorType": "timeout"})

    assert [(d.rule_name, d.action) for d in decisions] == [("early", "retry"), ("early", "hold")]


def test_every_action_of_a_rule_is_decided_in_order(registry):
    then = [RETRY, {"action": "raiseJeopardy", "params": {"level": "high"}}, {"action": "escalate",
                                                                                "params": {"to": "mgr"}}]
    ruleset = compile_ruleset("fallout.many", 1, {"rules": [rule("r", {"x": 1}, then)]}, registry=registry)

    assert [d.action for d in ruleset.evaluate({"x": 1})] == ["retry", "raiseJeopardy", "escalate"]


def test_decision_params_are_copies(registry):
    ruleset = compile_ruleset("fallout.copies", 1, {"rules": [rule("r", {"x": 1}, [RETRY])]},
                              registry=registry)

    ruleset.evaluate({"x": 1})[0].params["backoffSeconds"] = 0

    assert ruleset.evaluate({"x": 1})[0].params == {"backoffSeconds": 30}


def test_two_versions_of_one_key_live_side_by_side(registry):
    v1 = compile_ruleset("fallout.versions", 1, {"rules": [rule("v1", {"$lt": {"attempt": 3}}, [RETRY])]},
                         registry=registry)
    v2 = compile_ruleset("fallout.versions", 2, {"rules": [rule("v2", {"$lt": {"attempt": 5}}, [FALLOUT])]},
                         registry=registry)
    event = {"attempt": 4}

    assert (v1.registered_name, v2.registered_name) == ("fallout.versions@1", "fallout.versions@2")
    assert v1.evaluate(event) == []
    assert names(v2.evaluate(event)) == ["v2"]
    assert names(v1.evaluate({"attempt": 1})) == ["v1"]


def test_compiling_the_same_body_twice_reuses_the_registration(registry):
    body = {"rules": [rule("r", {"x": 1})]}
    first = compile_ruleset("fallout.twice", 3, body, registry=registry)
    second = compile_ruleset("fallout.twice", 3, body, registry=registry)

    assert first.registered_name == second.registered_name == "fallout.twice@3"
    assert names(first.evaluate({"x": 1})) == names(second.evaluate({"x": 1})) == ["r"]


def test_a_changed_body_under_a_taken_name_gets_its_own_registration(registry):
    old = compile_ruleset("fallout.draft", 1, {"rules": [rule("old", {"x": 1})]}, registry=registry)
    new = compile_ruleset("fallout.draft", 1, {"rules": [rule("new", {"x": 2})]}, registry=registry)

    assert new.registered_name.startswith("fallout.draft@1#")
    assert names(old.evaluate({"x": 1})) == ["old"]
    assert names(new.evaluate({"x": 2})) == ["new"]
    assert new.evaluate({"x": 1}) == []


def test_decimal_values_match_as_numbers(registry):
    body = {"rules": [
        rule("big amount", {"$gte": {"amount": 100.5}}),
        rule("exact attempt", {"attempt": 2}),
    ]}
    ruleset = compile_ruleset("fallout.decimal", 1, body, registry=registry)

    assert names(ruleset.evaluate({"amount": Decimal("100.50"), "attempt": Decimal("2.00")})) == [
        "big amount", "exact attempt"]
    assert ruleset.evaluate({"amount": Decimal("100.49"), "nested": {"v": Decimal("1E+2")}}) == []


def test_non_json_event_values_are_refused(registry):
    ruleset = compile_ruleset("fallout.refuse", 1, {"rules": [rule("r", {"x": 1})]}, registry=registry)

    with pytest.raises(EventValueError):
        ruleset.evaluate({"x": object()})


def test_evaluation_leaves_no_session_behind(registry, monkeypatch):
    ruleset = compile_ruleset("fallout.clean", 1, {"rules": [rule("r", {"x": 1})]}, registry=registry)
    monkeypatch.setattr(registry, "new_session_id", lambda: "probe")

    for event in ({"x": 1}, {"x": 2}):
        ruleset.evaluate(event)
        assert not registry.session_exists(ruleset.registered_name, "probe")


def test_the_event_is_not_modified(registry):
    ruleset = compile_ruleset("fallout.pure", 1, {"rules": [rule("r", {"x": 1})]}, registry=registry)
    event = {"x": 1, "amount": Decimal("1.5")}

    ruleset.evaluate(event)

    assert event == {"x": 1, "amount": Decimal("1.5")}


def test_the_same_event_evaluated_again_decides_again(registry):
    ruleset = compile_ruleset("fallout.again", 1, {"rules": [rule("r", {"x": 1})]}, registry=registry)
    event = {"x": 1, "id": "task-7"}

    assert names(ruleset.evaluate(event)) == names(ruleset.evaluate(event)) == ["r"]


def test_compile_ruleset_uses_the_process_registry_by_default():
    ruleset = compile_ruleset("fallout.default-registry", 1, {"rules": [rule("r", {"x": 1})]})

    assert names(ruleset.evaluate({"x": 1})) == ["r"]


@pytest.mark.parametrize("key, version", [("", 1), ("a$state", 1), ("a@b", 1), ("ok", 0), ("ok", True)])
def test_bad_key_or_version_is_refused(registry, key, version):
    with pytest.raises(ValueError):
        compile_ruleset(key, version, {"rules": []}, registry=registry)


def test_params_may_take_event_fields(registry):
    then = [{"action": "createFallout", "params": {"type": "t", "priority": 2,
                                                    "assignmentGroup": {"$m": "task.assignmentGroup"}}},
            {"action": "raiseJeopardy", "params": {"level": {"$m": "level"}, "reason": {"$m": "missing.field"}}}]
    ruleset = compile_ruleset("fallout.fields", 1, {"rules": [rule("r", {"x": 1}, then)]}, registry=registry)

    decisions = ruleset.evaluate({"x": 1, "level": "high", "task": {"assignmentGroup": "noc"}})

    assert [d.params for d in decisions] == [{"type": "t", "priority": 2, "assignmentGroup": "noc"},
                                             {"level": "high", "reason": None}]
    assert then[0]["params"]["assignmentGroup"] == {"$m": "task.assignmentGroup"}
