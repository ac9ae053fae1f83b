"""DMN names that are not Python identifiers keep their exact text through import, evaluation and export."""

import json

import pytest

from engine.kinds import compile_document, validate_document
from engine.rules.decision_table import compile_table
from engine.rules.dmn import evaluate, export_dmn, import_dmn
from engine.rules.spreadsheet import export_csv, export_xlsx, import_csv, import_xlsx

LOAN_DMN_13 = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="loan_definitions" name="Loans"
             namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="loan" name="Loan decision">
    <decisionTable id="loan_table" hitPolicy="FIRST">
      <input id="i1" label="Applicant Age">
        <inputExpression id="e1" typeRef="number"><text>Applicant Age</text></inputExpression>
      </input>
      <input id="i2" label="Credit score (FICO)">
        <inputExpression id="e2" typeRef="number"><text>applicant.Credit Score</text></inputExpression>
      </input>
      <output id="o1" label="Decision" name="Approved/Declined" typeRef="string" />
      <output id="o2" label="Reason (short)" typeRef="string" />
      <rule id="young">
        <inputEntry><text>&lt; 18</text></inputEntry>
        <inputEntry><text>-</text></inputEntry>
        <outputEntry><text>"Declined"</text></outputEntry>
        <outputEntry><text>"under age"</text></outputEntry>
      </rule>
      <rule id="good">
        <inputEntry><text>-</text></inputEntry>
        <inputEntry><text>&gt;= 700</text></inputEntry>
        <outputEntry><text>"Approved"</text></outputEntry>
        <outputEntry><text>"good credit"</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
"""
EXACT_OUTPUTS = ["Approved/Declined", "Reason (short)"]
APPLICANT = {"Applicant Age": 40, "applicant": {"Credit Score": 720}}


def loan_body():
    [(_, _, body)] = import_dmn(LOAN_DMN_13)
    return body


def canonical(body):
    return json.dumps(body, sort_keys=True)


def test_import_keeps_names_that_are_not_identifiers():
    body = loan_body()
    assert [spec["name"] for spec in body["inputs"]] == ["Applicant Age", "Credit Score"]
    assert body["inputs"][0]["path"] == "Applicant Age"
    assert body["inputs"][1]["path"] == "applicant.Credit Score"
    assert [spec["name"] for spec in body["outputs"]] == EXACT_OUTPUTS


def test_evaluation_returns_the_exact_output_names_as_keys():
    assert evaluate(LOAN_DMN_13, "loan", APPLICANT) == {"Approved/Declined": "Approved", "Reason (short)": "good credit"}
    young = {"Applicant Age": 16, "applicant": {"Credit Score": 800}}
    assert evaluate(LOAN_DMN_13, "loan", young) == {"Approved/Declined": "Declined", "Reason (short)": "under age"}


def test_trace_names_the_inputs_exactly():
    trace = compile_table(loan_body()).evaluate(APPLICANT).trace
    assert trace["inputs"] == {"Applicant Age": 40, "Credit Score": 720}


def test_dmn_export_then_reimport_is_equal():
    body = loan_body()
    xml = export_dmn(body, "loan", "Loan decision")
    assert 'name="Approved/Declined"' in xml
    [(_, _, again)] = import_dmn(xml)
    assert canonical(again) == canonical(body)
    assert evaluate(xml, "loan", APPLICANT) == evaluate(LOAN_DMN_13, "loan", APPLICANT)


def test_input_read_by_its_whole_name_round_trips_through_dmn():
    body = {"hitPolicy": "FIRST",
            "inputs": [{"name": "Risk/Class"}, {"name": "plan.tier", "type": "string"}],
            "outputs": [{"name": "Approved/Declined"}],
            "rules": [{"id": "r1", "inputEntries": ['"B"', '"gold"'], "outputEntries": ["Approved"]}]}
    context = {"Risk/Class": "B", "plan.tier": "gold"}
    assert compile_table(body).evaluate(context).value == "Approved"
    [(_, _, again)] = import_dmn(export_dmn(body, "risk", "Risk"))
    assert canonical(again) == canonical(body)
    assert compile_table(again).evaluate(context).value == "Approved"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheet_round_trip_keeps_the_names(fmt):
    body = loan_body()
    if fmt == "csv":
        again = import_csv(export_csv(body))
    else:
        again = import_xlsx(export_xlsx({"Loan": body}))["Loan"]
    assert canonical(again) == canonical(body)
    assert compile_table(again).evaluate(APPLICANT).value == {"Approved/Declined": "Approved",
                                                               "Reason (short)": "good credit"}


def test_decision_table_artifact_accepts_and_keeps_dmn_names():
    document = {"kind": "decision_table", "key": "loan.decision", "schemaVersion": 1, "title": "Loan", "body": loan_body()}
    assert validate_document(document) == []
    assert set(compile_document(document).evaluate(APPLICANT).value) == set(EXACT_OUTPUTS)


@pytest.mark.parametrize("name", ["", " padded", "trailing "])
def test_blank_or_padded_names_are_refused(name):
    body = {"inputs": [], "outputs": [{"name": name}], "rules": []}
    document = {"kind": "decision_table", "key": "t", "schemaVersion": 1, "title": "t", "body": body}
    assert [issue.pointer for issue in validate_document(document)] == ["/body/outputs/0/name"]


def test_output_name_with_a_slash_is_not_mangled_when_inputs_are_plain():
    xml = LOAN_DMN_13.replace("<text>Applicant Age</text>", "<text>age</text>").replace(
        "<text>applicant.Credit Score</text>", "<text>score</text>")
    assert evaluate(xml, "loan", {"age": 16, "score": 1}) == {"Approved/Declined": "Declined",
                                                               "Reason (short)": "under age"}
