import pytest

from studio.lint import lint_decision_table, lint_document

SEGMENT = {"name": "segment", "type": "string", "allowedValues": ["gold", "silver", "bronze"]}
TOTAL = {"name": "total", "type": "number"}


def table(rules, policy="UNIQUE", inputs=(SEGMENT, TOTAL), outputs=None):
    return {"hitPolicy": policy, "inputs": list(inputs),
            "outputs": outputs or [{"name": "discount", "type": "number"}],
            "rules": [{"id": f"r{n}", "inputEntries": list(cells), "outputEntries": [out]}
                      for n, (cells, out) in enumerate(rules, start=1)]}


def codes(findings, code):
    return [f for f in findings if f.code == code]


def test_overlap_under_unique_names_both_rules_and_the_shared_inputs():
    findings = lint_decision_table(table([(['"gold"', ">= 100"], 1), (['"gold","silver"', "[50..150]"], 2)]))
    (overlap,) = codes(findings, "overlap")
    assert overlap.severity == "error"
    assert overlap.pointer == "/rules/1"
    assert overlap.rules == ["r1", "r2"]
    assert overlap.examples == [{"segment": '"gold"', "total": "[100..150]"}]


@pytest.mark.parametrize("first, second", [
    (['"gold"', "-"], ['"silver"', "-"]),
    (["-", "< 100"], ["-", ">= 100"]),
    (["-", "[1..10)"], ["-", "[10..20]"]),
    (['not("gold")', "-"], ['"gold"', "-"]),
    (["-", "not(> 5)"], ["-", "> 5"]),
    (["-", "null"], ["-", ">= 0"]),
])
def test_disjoint_rows_do_not_overlap(first, second):
    assert codes(lint_decision_table(table([(first, 1), (second, 2)])), "overlap") == []


@pytest.mark.parametrize("first, second", [
    (["-", "[1..10]"], ["-", "[10..20]"]),
    (['not("gold")', "-"], ['"silver"', "> 3"]),
    (["-", "not(5)"], ["-", "null"]),
    (["-", "-"], ['"bronze"', "1,2,3"]),
])
def test_touching_or_nested_rows_overlap(first, second):
    assert len(codes(lint_decision_table(table([(first, 1), (second, 2)])), "overlap")) == 1


def test_any_reports_overlap_only_for_different_outputs():
    same = table([(["-", "> 1"], 5), (["-", "> 2"], 5)], policy="ANY")
    different = table([(["-", "> 1"], 5), (["-", "> 2"], 6)], policy="ANY")
    assert codes(lint_decision_table(same), "overlap") == []
    assert [f.rules for f in codes(lint_decision_table(different), "overlap")] == [["r1", "r2"]]


def test_jsonlogic_cells_are_undecided_never_overlap():
    jl = {"jsonlogic": {">": [{"var": "?"}, 5]}}
    findings = lint_decision_table(table([(["-", jl], 1), (['"gold"', "> 1"], 2), (['"silver"', "-"], 3)]))
    assert codes(findings, "overlap") == []
    undecided = codes(findings, "overlap_undecided")
    assert [(f.pointer, f.rules, f.severity) for f in undecided] == [
        ("/rules/1", ["r2", "r1"], "info"), ("/rules/2", ["r3", "r1"], "info")]


def test_jsonlogic_rows_disjoint_on_a_known_column_are_decided():
    jl = {"jsonlogic": {">": [{"var": "?"}, 5]}}
    findings = lint_decision_table(table([(['"gold"', jl], 1), (['"silver"', "> 1"], 2)]))
    assert codes(findings, "overlap") == codes(findings, "overlap_undecided") == []


def test_first_subsumed_row_is_unreachable():
    findings = lint_decision_table(table([(["-", ">= 100"], 1), (['"gold"', "> 200"], 2)], policy="FIRST"))
    (finding,) = codes(findings, "unreachable")
    assert (finding.pointer, finding.rules, finding.severity) == ("/rules/1", ["r2", "r1"], "warning")
    assert "rule r1 matches every input" in finding.message


def test_first_row_covered_by_earlier_rows_together():
    rules = [(['"gold"', "-"], 1), (['not("gold")', "< 10"], 2), (["-", ">= 5"], 3)]
    findings = lint_decision_table(table(rules, policy="FIRST"))
    assert codes(findings, "unreachable") == []
    rules = [(['"gold"', "-"], 1), (['not("gold")', "-"], 2), (["-", ">= 5"], 3)]
    (finding,) = codes(lint_decision_table(table(rules, policy="FIRST")), "unreachable")
    assert finding.rules == ["r3", "r1", "r2"]


def test_first_later_general_row_is_reachable_and_unique_has_no_unreachable():
    rules = [(['"gold"', "> 200"], 1), (["-", ">= 100"], 2)]
    assert codes(lint_decision_table(table(rules, policy="FIRST")), "unreachable") == []
    assert codes(lint_decision_table(table(rules, policy="COLLECT")), "unreachable") == []


def test_first_jsonlogic_row_never_covers_others():
    jl = {"jsonlogic": True}
    rules = [(["-", jl], 1), (['"gold"', "> 1"], 2)]
    assert codes(lint_decision_table(table(rules, policy="FIRST")), "unreachable") == []


def test_priority_row_beaten_by_higher_priority_row_is_unreachable():
    outputs = [{"name": "discount", "type": "number", "allowedValues": [20, 10, 0]}]
    rules = [(["-", "> 100"], 10), (['"gold"', "> 500"], 0), (['"gold"', "> 500"], 20)]
    findings = lint_decision_table(table(rules, policy="PRIORITY", outputs=outputs))
    assert [f.rules for f in codes(findings, "unreachable")] == [["r2", "r1", "r3"]]


def test_priority_tie_goes_to_the_earlier_row():
    outputs = [{"name": "discount", "type": "number", "allowedValues": [20, 10, 0]}]
    rules = [(["-", "> 100"], 10), (['"gold"', "> 500"], 10)]
    findings = lint_decision_table(table(rules, policy="PRIORITY", outputs=outputs))
    assert [f.rules for f in codes(findings, "unreachable")] == [["r2", "r1"]]
    flipped = [(['"gold"', "> 500"], 10), (["-", "> 100"], 10)]
    assert codes(lint_decision_table(table(flipped, policy="PRIORITY", outputs=outputs)), "unreachable") == []


def test_cell_that_no_allowed_value_passes_never_matches():
    inputs = [SEGMENT, {"name": "size", "type": "number", "allowedValues": [1, 2, 3]}]
    findings = lint_decision_table(table([(["-", "> 5"], 1)], inputs=inputs))
    (finding,) = codes(findings, "never_matches")
    assert (finding.pointer, finding.severity, finding.rules) == ("/rules/0/inputEntries/1", "error", ["r1"])


def test_uncovered_combinations_of_allowed_values_are_listed():
    inputs = [SEGMENT, {"name": "vip", "type": "boolean"}]
    rules = [(['"gold"', "-"], 1), (['"silver"', "true"], 2)]
    (finding,) = codes(lint_decision_table(table(rules, inputs=inputs)), "uncovered")
    assert finding.severity == "warning"
    assert "3 input combinations" in finding.message
    assert finding.examples == [
        {"segment": '"silver"', "vip": "false"},
        {"segment": '"bronze"', "vip": "true"},
        {"segment": '"bronze"', "vip": "false"},
    ]


def test_uncovered_examples_are_capped():
    inputs = [SEGMENT, {"name": "vip", "type": "boolean"}]
    finding = codes(lint_decision_table(table([(['"gold"', "-"], 1)], inputs=inputs), max_examples=2), "uncovered")[0]
    assert len(finding.examples) == 2
    assert "4 input combinations" in finding.message


def test_numeric_gaps_between_ranges():
    inputs = [{"name": "total", "type": "number"}]
    rules = [(["< 100"], 1), (["[100..500)"], 2), (["> 500"], 3)]
    (finding,) = codes(lint_decision_table(table(rules, inputs=inputs)), "uncovered")
    assert finding.examples == [{"total": "500"}]


def test_date_ranges_that_meet_on_consecutive_days_leave_no_gap():
    inputs = [{"name": "start", "type": "date"}]
    rules = [(['<= date("2026-01-31")'], 1), (['>= date("2026-02-01")'], 2)]
    assert codes(lint_decision_table(table(rules, inputs=inputs)), "uncovered") == []


def test_complete_table_has_no_uncovered_finding_and_defaults_make_it_info():
    full = table([(['"gold"', "-"], 1), (['not("gold")', "-"], 2)])
    assert codes(lint_decision_table(full), "uncovered") == []
    outputs = [{"name": "discount", "type": "number", "default": 0}]
    partial = table([(['"gold"', "-"], 1)], outputs=outputs)
    assert codes(lint_decision_table(partial), "uncovered")[0].severity == "info"


def test_coverage_is_not_checked_for_open_string_columns():
    inputs = [{"name": "region", "type": "string"}]
    (finding,) = lint_decision_table(table([(['"north"'], 1)], inputs=inputs))
    assert (finding.code, finding.severity) == ("coverage_not_checked", "info")


def test_compile_errors_come_back_as_findings():
    findings = lint_decision_table(table([(['"platinum"', "-"], 1)]))
    assert [(f.code, f.pointer, f.severity) for f in findings] == [
        ("not_allowed_value", "/rules/0/inputEntries/0", "error")]


def test_lint_document_prefixes_body_and_ignores_other_kinds():
    body = table([(['"gold"', "-"], 1), (["-", "> 1"], 2)])
    findings = lint_document({"kind": "decision_table", "key": "k", "body": body})
    assert codes(findings, "overlap")[0].pointer == "/body/rules/1"
    assert lint_document({"kind": "price_list", "body": {}}) == []


def test_finding_to_dict_is_plain():
    (finding,) = codes(lint_decision_table(table([(["-", "-"], 1), (["-", "-"], 2)])), "overlap")
    assert finding.to_dict() == {"pointer": "/rules/1", "code": "overlap", "severity": "error",
                                 "message": "rules r1 and r2 both match when any input (hit policy UNIQUE)",
                                 "rules": ["r1", "r2"], "examples": [{}]}

