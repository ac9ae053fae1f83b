from engine.kinds import compile_document, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_unknown_actions_and_parameters(fixture_document):
    document = fixture_document("fallout_rules")
    document["body"]["rules"][0]["then"][0]["action"] = "reboot"
    assert codes(document) == [("/body/rules/0/then/0/action", "unknown_action")]
    document = fixture_document("fallout_rules")
    document["body"]["rules"][0]["then"][0]["params"]["colour"] = "red"
    document["body"]["rules"][1]["then"][0]["params"]["type"] = "cosmicRay"
    document["body"]["rules"][2]["when"] = {"==": [1]}
    assert codes(document) == [("/body/rules/0/then/0/params/colour", "unknown_parameter"),
                               ("/body/rules/2/when", "jsonlogic.wrong_arity"),
                               ("/body/rules/1/then/0/params/type", "unknown_fallout_type")]


def test_fallout_rules_run_by_priority_with_provenance(fixture_document):
    rules = compile_document(fixture_document("fallout_rules"), version=9)
    assert [rule.id for rule in rules.rules] == ["transient", "inventory", "other"]
    [decision] = rules.evaluate({"error": {"code": "timeout"}, "task": {"attempt": 1}})
    assert decision.params == {"backoff": "PT5M"} and decision.source.as_dict() == {
        "artifact": "fallout.default", "version": 9, "row": "transient"}


def test_jeopardy_levels_must_rise(fixture_document):
    document = fixture_document("jeopardy_rules")
    document["body"]["levels"][2] = {"level": "medium", "atPercent": 120}
    document["body"]["levels"][3]["atPercent"] = 110
    assert codes(document) == [("/body/levels/2", "levels_out_of_order"), ("/body/levels/3", "levels_out_of_order")]


def test_jeopardy_level_for_a_percentage(fixture_document):
    rules = compile_document(fixture_document("jeopardy_rules"))
    assert [rules.level_for(p) for p in (49, 50, "75", 149.9, 500)] == [None, "low", "medium", "high", "critical"]
