import pytest

from engine.rules.events import ACTIONS, RuleError, RulesetInvalid, body_schema, compile_ruleset


def errors_of(body, registry):
    with pytest.raises(RulesetInvalid) as caught:
        compile_ruleset("validation.case", 1, body, registry=registry)
    return caught.value.errors


def codes_at(errors):
    return {(e.pointer, e.code) for e in errors}


def good_rule(name="ok", **changes):
    rule = {"name": name, "when": {"m": {"x": 1}}, "then": [{"action": "hold"}]}
    rule.update(changes)
    return rule


def test_unknown_action_points_at_the_action(registry):
    body = {"rules": [good_rule("a"), good_rule("b"),
                      good_rule("c", then=[{"action": "hold"}, {"action": "reboot_router"}])]}

    errors = errors_of(body, registry)

    assert errors == (RuleError("/rules/2/then/1/action", "unknown_action", errors[0].message),)
    assert "reboot_router" in errors[0].message


@pytest.mark.parametrize("then, expected", [
    ({"action": "retry", "params": {}}, ("/rules/0/then/0/params", "missing_param")),
    ({"action": "retry", "params": {"backoffSeconds": "30"}},
     ("/rules/0/then/0/params/backoffSeconds", "invalid_param")),
    ({"action": "retry", "params": {"backoffSeconds": -1}},
     ("/rules/0/then/0/params/backoffSeconds", "invalid_param")),
    ({"action": "retry", "params": {"backoffSeconds": True}},
     ("/rules/0/then/0/params/backoffSeconds", "invalid_param")),
    ({"action": "retry", "params": {"backoffSeconds": 1, "jitter": 2}},
     ("/rules/0/then/0/params/jitter", "unknown_param")),
    ({"action": "raiseJeopardy", "params": {"level": "severe"}},
     ("/rules/0/then/0/params/level", "invalid_param")),
    ({"action": "forceComplete"}, ("/rules/0/then/0/params", "missing_param")),
    ({"action": "hold", "params": {"reason": {"$m": "a..b"}}}, ("/rules/0/then/0/params/reason/$m", "invalid_field")),
    ({"action": "hold", "params": {"reason": {"$m": "sid"}}}, ("/rules/0/then/0/params/reason/$m", "reserved_field")),
    ({"action": "createFallout", "params": {"type": "t", "priority": 0, "assignmentGroup": "g"}},
     ("/rules/0/then/0/params/priority", "invalid_param")),
])
def test_bad_params_are_reported_with_pointers(registry, then, expected):
    errors = errors_of({"rules": [good_rule(then=[then])]}, registry)

    assert codes_at(errors) == {expected}


def test_every_error_is_reported_at_once(registry):
    body = {"rules": [
        good_rule("a", then=[{"action": "nope"}, {"action": "retry"}]),
        good_rule("a", when={"m": {"$between": {"x": [1, 2]}}}),
        good_rule("c", when={"m": {"$and": [{"sid": 1}, {"x": [1, 2]}]}}, priority="high"),
        {"name": "d", "then": [], "extra": 1},
    ]}

    errors = errors_of(body, registry)

    assert codes_at(errors) == {
        ("/rules/0/then/0/action", "unknown_action"),
        ("/rules/0/then/1/params", "missing_param"),
        ("/rules/1/name", "duplicate_rule_name"),
        ("/rules/1/when/m/$between", "unknown_operator"),
        ("/rules/2/when/m/$and/0/sid", "reserved_field"),
        ("/rules/2/when/m/$and/1/x", "invalid_operand"),
        ("/rules/2/priority", "wrong_type"),
        ("/rules/3/when", "missing_field"),
        ("/rules/3/then", "empty"),
        ("/rules/3/extra", "unknown_field"),
    }
    assert all(e.message for e in errors)


@pytest.mark.parametrize("condition, expected", [
    ({}, ("/rules/0/when/m", "empty_condition")),
    ({"$and": []}, ("/rules/0/when/m/$and", "invalid_condition")),
    ({"$or": {"x": 1}}, ("/rules/0/when/m/$or", "invalid_condition")),
    ({"$lt": 3}, ("/rules/0/when/m/$lt", "invalid_condition")),
    ({"$lt": {"$s": 3}}, ("/rules/0/when/m/$lt/$s", "reserved_field")),
    ({"x": {"nested": 1}}, ("/rules/0/when/m/x", "invalid_operand")),
    ({"x": {"$lt": [1]}}, ("/rules/0/when/m/x/$lt", "invalid_operand")),
    ({"$mt": {"x": 5}}, ("/rules/0/when/m/$mt/x", "invalid_operand")),
    ({"$gt": {"x": {"$m": "$s"}}}, ("/rules/0/when/m/$gt/x/$m", "reserved_field")),
    ({"a..b": 1}, ("/rules/0/when/m/a..b", "invalid_field")),
    ({"$i": 1}, ("/rules/0/when/m/$i", "reserved_field")),
    ({"$iany": {"tags": {"$s": 1}}}, ("/rules/0/when/m/$iany/tags/$s", "unknown_operator")),
    ({"a/b": 1, "$nope": 1}, ("/rules/0/when/m/$nope", "unknown_operator")),
])
def test_bad_conditions_are_reported_with_pointers(registry, condition, expected):
    errors = errors_of({"rules": [good_rule(when={"m": condition})]}, registry)

    assert codes_at(errors) == {expected}


def test_pointer_tokens_are_escaped(registry):
    errors = errors_of({"rules": [good_rule(when={"m": {"$lt": {"a/b~c": [1]}}})]}, registry)

    assert [e.pointer for e in errors] == ["/rules/0/when/m/$lt/a~1b~0c"]


def test_body_must_be_an_object_with_rules(registry):
    assert codes_at(errors_of({}, registry)) == {("/rules", "missing_field")}
    assert codes_at(errors_of({"rules": {}}, registry)) == {("/rules", "wrong_type")}
    assert codes_at(errors_of([], registry)) == {("", "wrong_type")}


def test_when_needs_a_single_event_m_condition(registry):
    body = {"rules": [good_rule(when={"all": [{"m": {"x": 1}}]})]}

    assert codes_at(errors_of(body, registry)) == {("/rules/0/when/m", "missing_field"),
                                                   ("/rules/0/when/all", "unknown_field")}


def test_exception_message_lists_pointers(registry):
    with pytest.raises(RulesetInvalid, match=r"validation.case@1 .*/rules/0/then/0/action: unknown_action"):
        compile_ruleset("validation.case", 1, {"rules": [good_rule(then=[{"action": "x"}])]},
                        registry=registry)


def test_schema_lists_exactly_the_registered_actions():
    enum = body_schema()["$defs"]["action"]["properties"]["action"]["enum"]

    assert sorted(enum) == sorted(ACTIONS)
    assert set(ACTIONS) == {"retry", "createFallout", "raiseJeopardy", "alert", "notify", "escalate", "reassign",
                            "hold", "failItem", "forceComplete", "resume"}


def test_a_pattern_durable_rules_refuses_points_at_its_rule(registry):
    body = {"rules": [good_rule("a"), good_rule("b", when={"m": {"$mt": {"message": "[a-"}}})]}

    errors = errors_of(body, registry)

    assert codes_at(errors) == {("/rules/1/when/m", "engine_rejected")}


def test_draft_rulesets_register_as_key_at_draft(registry):
    ruleset = compile_ruleset("validation.draft", None, {"rules": [good_rule()]}, registry=registry)

    assert (ruleset.version, ruleset.registered_name) == (None, "validation.draft@draft")
    with pytest.raises(RulesetInvalid, match="validation.draft@draft"):
        compile_ruleset("validation.draft", None, {"rules": [good_rule(then=[{"action": "x"}])]}, registry=registry)
