from engine.kinds import compile_document, validate_document


def test_table_issues_are_pointed_from_the_document_root(fixture_document):
    document = fixture_document("decision_table")
    document["body"]["rules"][1]["inputEntries"][1] = ">= \"x"
    document["body"]["rules"][2]["outputEntries"] = ["autoApprove"]
    issues = [(issue.pointer, issue.code) for issue in validate_document(document)]
    assert [pointer for pointer, _ in issues] == ["/body/rules/1/inputEntries/1", "/body/rules/2/outputEntries"]


def test_compiled_table_keeps_its_identity(fixture_document):
    table = compile_document(fixture_document("decision_table"), version=4)
    result = table.evaluate({"order": {"total": 50, "segment": "prospect"}})
    assert (table.key, table.version) == ("approval.policy", 4)
    assert result.value["reason"] == "new customer" and result.selected_rule_ids == ["new"]
