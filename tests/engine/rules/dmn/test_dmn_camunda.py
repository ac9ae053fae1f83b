"""Hand-written DMN XML, as Camunda's modeller writes it, in the 1.1 and 1.3 namespaces."""

from decimal import Decimal

import pytest

from engine.rules.decision_table import DecisionTableError
from engine.rules.dmn import DmnError, evaluate, import_dmn

DISH_DMN_11 = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd"
             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
             id="definitions" name="definitions" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="dish" name="Dish">
    <decisionTable id="decisionTable">
      <input id="input1" label="Season">
        <inputExpression id="inputExpression1" typeRef="string">
          <text>season</text>
        </inputExpression>
        <inputValues id="UnaryTests_1"><text>"Fall","Winter","Spring","Summer"</text></inputValues>
      </input>
      <input id="InputClause_0hmkumv" label="How many guests" camunda:inputVariable="">
        <inputExpression id="LiteralExpression_0m7s53h" typeRef="integer">
          <text>guestCount</text>
        </inputExpression>
      </input>
      <output id="output1" label="Dish" name="desiredDish" typeRef="string" />
      <rule id="row-950612891-1">
        <description>Default value</description>
        <inputEntry id="UnaryTests_0c1o054"><text><![CDATA["Fall"]]></text></inputEntry>
        <inputEntry id="UnaryTests_1lod0sz"><text><![CDATA[<= 8]]></text></inputEntry>
        <outputEntry id="LiteralExpression_065u3ym"><text><![CDATA["Spareribs"]]></text></outputEntry>
      </rule>
      <rule id="row-950612891-2">
        <inputEntry id="UnaryTests_0u1z4ho"><text><![CDATA["Winter"]]></text></inputEntry>
        <inputEntry id="UnaryTests_1euytqf"><text><![CDATA[<= 8]]></text></inputEntry>
        <outputEntry id="LiteralExpression_198frve"><text><![CDATA["Roastbeef"]]></text></outputEntry>
      </rule>
      <rule id="row-950612891-5">
        <inputEntry id="UnaryTests_0ozm9s7"><text><![CDATA["Fall","Winter","Spring"]]></text></inputEntry>
        <inputEntry id="UnaryTests_0sesgov"><text><![CDATA[> 8]]></text></inputEntry>
        <outputEntry id="LiteralExpression_0c8ym7l"><text><![CDATA["Stew"]]></text></outputEntry>
      </rule>
      <rule id="row-950612891-6">
        <inputEntry id="UnaryTests_1nlc2rg"><text><![CDATA["Summer"]]></text></inputEntry>
        <inputEntry id="UnaryTests_1hj6uqi"><text></text></inputEntry>
        <outputEntry id="LiteralExpression_0xn2wyv"><text><![CDATA["Light Salad and a nice Steak"]]></text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
</definitions>
"""

DISCOUNT_DMN_13 = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
             xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
             xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
             id="Definitions_1" name="DRD" namespace="http://camunda.org/schema/1.0/dmn"
             exporter="Camunda Modeler" exporterVersion="5.0.0">
  <decision id="discount" name="Order discount">
    <decisionTable id="DecisionTable_1" hitPolicy="COLLECT" aggregation="SUM">
      <input id="Input_1" label="Customer segment">
        <inputExpression id="InputExpression_1" typeRef="feel:string"><text>customer.segment</text></inputExpression>
      </input>
      <input id="Input_2" label="Order total">
        <inputExpression id="InputExpression_2" typeRef="double"><text>order.total</text></inputExpression>
      </input>
      <input id="Input_3" label="Start">
        <inputExpression id="InputExpression_3" typeRef="date"><text>order.start</text></inputExpression>
      </input>
      <output id="Output_1" label="Discount" name="discount" typeRef="double" />
      <rule id="DecisionRule_gold">
        <inputEntry id="UnaryTests_1"><text>"gold","platinum"</text></inputEntry>
        <inputEntry id="UnaryTests_2"><text>&gt;= 100</text></inputEntry>
        <inputEntry id="UnaryTests_3"><text>-</text></inputEntry>
        <outputEntry id="LiteralExpression_1"><text>0.1</text></outputEntry>
        <annotationEntry><text>loyal big spenders</text></annotationEntry>
      </rule>
      <rule id="DecisionRule_big">
        <inputEntry id="UnaryTests_4"><text></text></inputEntry>
        <inputEntry id="UnaryTests_5"><text>[500..1000[</text></inputEntry>
        <inputEntry id="UnaryTests_6"><text>&gt;= date("2026-01-01")</text></inputEntry>
        <outputEntry id="LiteralExpression_2"><text>0.05</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <decision id="literal" name="Not a table"><literalExpression><text>1</text></literalExpression></decision>
  <dmndi:DMNDI><dmndi:DMNDiagram id="DMNDiagram_1"/></dmndi:DMNDI>
</definitions>
"""


@pytest.mark.parametrize(
    ("season", "guests", "dish"),
    [("Fall", 4, "Spareribs"), ("Winter", 8, "Roastbeef"), ("Spring", 12, "Stew"),
     ("Summer", 40, "Light Salad and a nice Steak"), ("Spring", 4, None)],
)
def test_camunda_dish_example_in_dmn_11(season, guests, dish):
    assert evaluate(DISH_DMN_11, "dish", {"season": season, "guestCount": guests}) == dish


def test_decision_can_be_found_by_name():
    assert evaluate(DISH_DMN_11, "Dish", {"season": "Fall", "guestCount": 2}) == "Spareribs"


def test_dmn_11_import_maps_types_allowed_values_and_descriptions():
    [(decision_id, name, body)] = import_dmn(DISH_DMN_11)
    assert (decision_id, name, body["hitPolicy"]) == ("dish", "Dish", "UNIQUE")
    assert body["inputs"][0] == {"name": "season", "label": "Season", "path": "season", "type": "string",
                                 "allowedValues": ["Fall", "Winter", "Spring", "Summer"]}
    assert body["inputs"][1]["type"] == "number"
    assert body["outputs"] == [{"name": "desiredDish", "label": "Dish", "type": "string"}]
    assert body["rules"][0]["annotation"] == "Default value"
    assert body["rules"][3]["inputEntries"] == ['"Summer"', "-"]


def test_camunda_13_collect_sum_with_paths_and_dates():
    context = {"customer": {"segment": "gold"}, "order": {"total": 600, "start": "2026-02-01"}}
    assert evaluate(DISCOUNT_DMN_13, "discount", context) == Decimal("0.15")
    context["order"]["start"] = "2025-12-01"
    assert evaluate(DISCOUNT_DMN_13, "discount", context) == Decimal("0.1")


def test_dmn_13_import_reads_aggregation_feel_types_and_annotation_entries():
    tables = import_dmn(DISCOUNT_DMN_13)
    assert [decision_id for decision_id, _, _ in tables] == ["discount"]
    body = tables[0][2]
    assert body["aggregation"] == "SUM"
    assert [spec["name"] for spec in body["inputs"]] == ["segment", "total", "start"]
    assert body["inputs"][2]["type"] == "date"
    assert body["rules"][0]["annotation"] == "loyal big spenders"


def test_unique_violation_surfaces_through_dmn_evaluate():
    doc = DISH_DMN_11.replace('<text><![CDATA["Winter"]]></text>', '<text><![CDATA["Winter","Fall"]]></text>')
    with pytest.raises(DecisionTableError) as info:
        evaluate(doc, "dish", {"season": "Fall", "guestCount": 2})
    assert info.value.code == "unique_violation"


@pytest.mark.parametrize(
    ("xml", "code"),
    [
        ("<definitions", "bad_xml"),
        ('<definitions xmlns="http://example.com/not-dmn"/>', "unsupported_namespace"),
        (DISH_DMN_11.replace("<text>season</text>", "<text>season + 1</text>"), "unsupported_expression"),
        (DISH_DMN_11.replace('"Spareribs"', "season + 1"), "unsupported_expression"),
    ],
)
def test_unreadable_documents_raise_dmn_errors(xml, code):
    with pytest.raises(DmnError) as info:
        import_dmn(xml)
    assert info.value.code == code


def test_unknown_decision_is_an_error():
    with pytest.raises(DmnError) as info:
        evaluate(DISH_DMN_11, "nope", {})
    assert info.value.code == "unknown_decision"


def test_entity_expansion_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
            '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">&a;</definitions>')
    with pytest.raises(DmnError) as info:
        import_dmn(bomb)
    assert info.value.code == "bad_xml"
