from engine.kinds import compile_document, run_document_tests, validate_document
from engine.rules.events import ActionDecision


def registered(ruleset):
    """The registration name without the digest suffix a different body under a taken name gets."""
    return ruleset.registered_name.split("#")[0]


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_unknown_actions_and_parameters(fixture_document):
    document = fixture_document("fallout_rules")
    document["body"]["rules"][0]["then"][0]["action"] = "reboot"
    assert codes(document) == [("/body/rules/0/then/0/action", "unknown_action")]
    document = fixture_document("fallout_rules")
    document["body"]["rules"][0]["then"][0]["params"]["colour"] = "red"
    document["body"]["rules"][1]["then"][0]["params"]["type"] = "cosmicRay"
    document["body"]["rules"][2]["when"] = {"m": {"$between": {"x": [1, 2]}}}
    assert sorted(codes(document)) == [("/body/rules/0/then/0/params/colour", "unknown_param"),
                                       ("/body/rules/1/then/0/params/type", "unknown_fallout_type"),
                                       ("/body/rules/2/when/m/$between", "unknown_operator")]


def test_an_action_outside_the_kind_is_unknown(fixture_document):
    document = fixture_document("jeopardy_rules")
    document["body"]["rules"][1]["then"][0] = {"action": "retry", "params": {"backoffSeconds": 1}}
    assert codes(document) == [("/body/rules/1/then/0/action", "unknown_action")]


def test_ruleset_errors_point_from_the_document_root(fixture_document):
    document = fixture_document("fallout_rules")
    document["body"]["rules"][2]["then"][0]["params"]["priority"] = 0
    document["body"]["rules"][1]["name"] = "transient"
    assert sorted(codes(document)) == [("/body/rules/1/name", "duplicate_rule_name"),
                                       ("/body/rules/2/then/0/params/priority", "invalid_param")]
    del document["body"]["rules"][1]["name"]
    assert ("/body/rules/1", "schema.required") in codes(document)


def test_an_engine_rejected_pattern_points_at_its_condition(fixture_document):
    document = fixture_document("fallout_rules")
    document["body"]["rules"][0]["when"] = {"m": {"$mt": {"error.message": "[a-"}}}
    assert codes(document) == [("/body/rules/0/when/m", "engine_rejected")]


def test_fallout_rules_register_key_at_version_and_decide(fixture_document):
    rules = compile_document(fixture_document("fallout_rules"), version=9)
    assert (rules.key, rules.version, registered(rules)) == ("fallout.default", 9, "fallout.default@9")
    assert [rule.name for rule in rules.rules] == ["transient", "inventory", "other"]
    assert rules.evaluate({"error": {"code": "timeout"}, "task": {"attempt": 1}}) == [
        ActionDecision("transient", "retry", {"backoffSeconds": 300})]
    assert registered(compile_document(fixture_document("fallout_rules"))) == "fallout.default@draft"


def test_first_match_only_or_every_match(fixture_document):
    document = fixture_document("fallout_rules")
    event = {"error": {"code": "timeout"}, "task": {"attempt": 1, "assignmentGroup": "noc"}}
    assert [d.rule_name for d in compile_document(document, version=1).evaluate(event)] == ["transient"]
    document["body"]["firstMatchOnly"] = False
    assert [d.rule_name for d in compile_document(document, version=2).evaluate(event)] == ["transient", "other"]


def test_jeopardy_levels_must_rise(fixture_document):
    document = fixture_document("jeopardy_rules")
    document["body"]["levels"][2] = {"level": "medium", "atPercent": 120}
    document["body"]["levels"][3]["atPercent"] = 110
    assert codes(document) == [("/body/levels/2", "levels_out_of_order"), ("/body/levels/3", "levels_out_of_order")]


def test_jeopardy_level_for_a_percentage(fixture_document):
    rules = compile_document(fixture_document("jeopardy_rules"), version=3)
    assert [rules.level_for(p) for p in (49, 50, "75", 149.9, 500)] == [None, "low", "medium", "high", "critical"]
    assert (rules.version, registered(rules.rules)) == (3, "jeopardy.sla@3")


def test_jeopardy_decisions_take_event_fields(fixture_document):
    rules = compile_document(fixture_document("jeopardy_rules"), version=1)
    decisions = rules.evaluate({"level": "critical", "task": {"key": "install"}})
    assert [(d.rule_name, d.action, d.params) for d in decisions] == [
        ("raise", "raiseJeopardy", {"level": "critical"}),
        ("page", "notify", {"to": "fulfillmentManager", "template": "task-late", "message": "install"})]


def test_a_test_with_a_non_object_input_reports(fixture_document):
    document = fixture_document("fallout_rules")
    document["tests"] = [{"name": "bad", "input": [1], "expect": {"actions": []}}]
    [result] = run_document_tests(document)
    assert not result.passed and "KindTestError" in result.message


def test_jeopardy_rules_decide_alert_escalate_and_reassign(fixture_document):
    document = fixture_document("jeopardy_rules")
    document["body"]["rules"].append(
        {"name": "late-visit", "when": {"m": {"$and": [{"task.type": "workOrder"}, {"previousLevel": "high"}]}},
         "then": [{"action": "alert", "params": {"jeopardyType": "Critical", "message": {"$m": "task.key"}}},
                  {"action": "escalate", "params": {"to": "field-dispatch"}},
                  {"action": "reassign", "params": {"assignmentGroup": {"$m": "task.assignmentGroup"}}}]})
    document["tests"] = [{"name": "rising from high", "expect": {"level": "critical",
                                                                 "actions": ["raiseJeopardy", "notify", "alert",
                                                                             "escalate", "reassign"]},
                          "input": {"percentOfSla": 160, "previousLevel": "high",
                                    "task": {"key": "install", "type": "workOrder", "assignmentGroup": "rapid"}}}]
    assert codes(document) == []
    [result] = run_document_tests(document)
    assert result.passed, result.message
    decisions = compile_document(document, version=4).evaluate(
        {"level": "critical", "previousLevel": "high", "task": {"key": "i", "type": "workOrder", "assignmentGroup": "g"}})
    assert decisions[-1] == ActionDecision("late-visit", "reassign", {"assignmentGroup": "g"})
    document["body"]["rules"][-1]["then"][0]["params"] = {"colour": "red"}
    assert codes(document) == [("/body/rules/2/then/0/params/colour", "unknown_param")]


def test_a_fallout_rule_may_only_name_what_the_runtime_carries_out(fixture_document):
    for jeopardy_only in ("raiseJeopardy", "alert"):
        document = fixture_document("fallout_rules")
        document["body"]["rules"][0]["then"][0] = {"action": jeopardy_only, "params": {"level": "high"}}
        assert ("/body/rules/0/then/0/action", "unknown_action") in codes(document)


def test_a_fallout_rule_that_contradicts_itself_is_refused(fixture_document):
    document = fixture_document("fallout_rules")
    assert document["body"]["rules"][1]["then"][1] == {"action": "hold"}
    document["body"]["rules"][1]["then"] += [{"action": "notify", "params": {"to": "noc"}}, {"action": "resume"}]
    document["body"]["rules"][0]["then"].append({"action": "retry", "params": {"backoffSeconds": 1}})
    assert sorted(codes(document)) == [("/body/rules/0/then/1/action", "conflicting_action"),
                                       ("/body/rules/1/then/3/action", "conflicting_action")]
