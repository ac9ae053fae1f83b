from engine.kinds import compile_document, run_document_tests, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_unknown_step_type_is_reported_without_noise(fixture_document):
    document = fixture_document("enrichment_flow")
    document["body"]["steps"][3]["type"] = "sendFax"
    assert codes(document) == [("/body/steps/3/type", "unknown_step_type")]


def test_graph_targets_and_expressions_are_checked_together(fixture_document):
    document = fixture_document("enrichment_flow")
    steps = document["body"]["steps"]
    steps[0]["dependsOn"] = ["sla"]
    steps[1]["dependsOn"] = ["business", "ghost"]
    steps[3]["rule"] = {"and": [True, {"frob": [1]}]}
    steps[4]["forEach"] = "order"
    assert sorted(codes(document)) == sorted([
        ("/body/steps/1/dependsOn/1", "unknown_reference"),
        ("/body/steps/0/id", "cycle"),
        ("/body/steps/3/rule/and/1", "jsonlogic.unknown_operator"),
        ("/body/steps/4/fields/0/path", "invalid_target")])


def test_duplicate_step_ids(fixture_document):
    document = fixture_document("enrichment_flow")
    document["body"]["steps"][4]["id"] = "term"
    assert codes(document) == [("/body/steps/4/id", "duplicate_id")]


def test_a_missing_lookup_fails_the_test_and_a_resolver_supplies_the_table(fixture_document):
    document = fixture_document("enrichment_flow")
    del document["tests"][0]["input"]["lookups"]
    [first, _] = run_document_tests(document)
    assert not first.passed and "enrich.segment" in first.message
    table = fixture_document("decision_table")
    table["key"] = "enrich.segment"
    table["body"] = {"inputs": [{"name": "category", "path": "order.category"}], "outputs": [{"name": "segment"}],
                     "rules": [{"inputEntries": ["\"business\""], "outputEntries": ["gold"]}]}
    compiled_table = compile_document(table)
    results = run_document_tests(document, resolve={"enrich.segment": compiled_table}.get)
    assert all(result.passed for result in results)


def test_run_does_not_touch_the_given_order(fixture_document):
    flow = compile_document(fixture_document("enrichment_flow"))
    order = {"category": "business", "term": 24, "productOrderItem": [{"id": "1"}]}
    result = flow.run(order, lambda step, context: {"segment": "silver"})
    assert "customerSegment" not in order and result.order["customerSegment"] == "silver"
    assert result.order["productOrderItem"][0]["slaClass"] == "standard"
    assert flow.tables == frozenset({"enrich.segment"})
    assert [step.id for step in flow.steps] == ["business", "segment", "sla", "term", "site"]
