from decimal import Decimal

import pytest

from engine.lifecycle.trace import TraceEntry

OUTPUTS = ("adjustmentType", "value", "level", "priority", "priceType", "name")
OFFERING = {"name": "offering", "path": "item.productOffering.id", "type": "string"}


@pytest.fixture
def result(kit):
    prices = kit.price_list(kit.row("nrc", "router", "99.90"), kit.row("mrc", "router", "19.99", "recurring"),
                            kit.row("yearly", "router", "120", "recurring", recurringChargePeriod="year"),
                            kit.row("voice-mrc", "voice", "10", "recurring"), kit.row("data", "iot", "0.50", "usage"),
                            version=4)
    table = kit.table(
        ("router-10", ['"router"'], ["percent", 10, "item", 1, "recurring", "Router promo"]),
        ("order-5", ["-"], ["amount", "5", "order", None, "oneTime", "Welcome"]),
        ("voice-year", ['"voice"'], ["percent", 50, "item", None, "recurring", None]),
        outputs=OUTPUTS, inputs=[OFFERING], version=2)
    the_order = kit.order(kit.item("1", "router", quantity=2), kit.item("2", "voice", quantity=3),
                          kit.item("3", "iot"), kit.item("4", "router", action="noChange"))
    return kit.price(the_order, prices, adjustments=table)


def test_totals_per_price_type_and_period(result):
    assert [(t.charge.price_type, t.charge.period, t.base, t.amount) for t in result.order_totals] == [
        ("oneTime", None, Decimal("199.80"), Decimal("194.80")),
        ("recurring", "month", Decimal("50.98"), Decimal("50.98")),
        ("recurring", "year", Decimal("216.00"), Decimal("216.00"))]
    assert result.total("recurring", "month") == Decimal("50.98")
    assert result.total("recurring", "week") == Decimal("0")


def test_tmf_item_prices(result):
    assert result.to_tmf_item_prices("1") == {
        "itemPrice": [
            {"name": "nrc", "priceType": "oneTime", "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("199.80")}},
             "provenance": {"artifact": "prices.test", "version": 4, "row": "nrc"}},
            {"name": "mrc", "priceType": "recurring", "recurringChargePeriod": "month",
             "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("39.98")}},
             "provenance": {"artifact": "prices.test", "version": 4, "row": "mrc"}},
            {"name": "yearly", "priceType": "recurring", "recurringChargePeriod": "year",
             "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("240")}},
             "provenance": {"artifact": "prices.test", "version": 4, "row": "yearly"}}],
        "itemTotalPrice": [
            {"priceType": "oneTime", "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("199.80")}}},
            {"priceType": "recurring", "recurringChargePeriod": "month",
             "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("35.98")}},
             "priceAlteration": [{"name": "Router promo", "priceType": "recurring", "recurringChargePeriod": "month",
                                  "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("-4.00")},
                                            "percentage": Decimal("10")},
                                  "provenance": {"artifact": "pricing.adjustments", "version": 2, "row": "router-10"},
                                  "priority": 1}]},
            {"priceType": "recurring", "recurringChargePeriod": "year",
             "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("216.00")}},
             "priceAlteration": [{"name": "Router promo", "priceType": "recurring", "recurringChargePeriod": "year",
                                  "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("-24.00")},
                                            "percentage": Decimal("10")},
                                  "provenance": {"artifact": "pricing.adjustments", "version": 2, "row": "router-10"},
                                  "priority": 1}]}]}


def test_tmf_usage_item_price_keeps_its_unit(result):
    assert result.to_tmf_item_prices("3")["itemTotalPrice"] == [
        {"priceType": "usage", "unitOfMeasure": "GB", "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("0.50")}}}]


def test_tmf_order_total(result):
    assert result.to_tmf_order_total() == [
        {"priceType": "oneTime", "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("194.80")}},
         "priceAlteration": [{"name": "Welcome", "priceType": "oneTime",
                              "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("-5")}},
                              "provenance": {"artifact": "pricing.adjustments", "version": 2, "row": "order-5"}}]},
        {"priceType": "recurring", "recurringChargePeriod": "month",
         "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("50.98")}}},
        {"priceType": "recurring", "recurringChargePeriod": "year",
         "price": {"dutyFreeAmount": {"unit": "EUR", "value": Decimal("216.00")}}}]


def test_voice_is_halved_and_order_total_sums_adjusted_items(result):
    voice = result.items["2"].totals[0]
    assert (voice.base, voice.amount) == (Decimal("30"), Decimal("15.00"))
    assert Decimal("35.98") + voice.amount == result.total("recurring", "month")


def test_provenance_on_every_line_and_alteration(result):
    assert {(line.item_id, line.source.artifact, line.source.version, line.source.row) for line in result.lines} == {
        ("1", "prices.test", 4, "nrc"), ("1", "prices.test", 4, "mrc"), ("1", "prices.test", 4, "yearly"),
        ("2", "prices.test", 4, "voice-mrc"), ("3", "prices.test", 4, "data")}
    alterations = [a for item in result.items.values() for t in item.totals for a in t.alterations]
    alterations += [a for t in result.order_totals for a in t.alterations]
    assert [(a.item_id, a.source.row, a.name) for a in alterations] == [
        ("1", "router-10", "Router promo"), ("1", "router-10", "Router promo"), ("2", "voice-year", "voice-year"),
        (None, "order-5", "Welcome")]


def test_trace_answers_why_this_price(result):
    assert all(isinstance(e, TraceEntry) and e.stage == "price" for e in result.trace)
    summary = [(e.artifact, e.rule, e.inputs.get("itemId"), e.decision["outcome"], e.decision.get("amount"))
               for e in result.trace]
    assert summary == [
        ("prices.test", "nrc", "1", "priced", Decimal("199.80")),
        ("prices.test", "mrc", "1", "priced", Decimal("39.98")),
        ("prices.test", "yearly", "1", "priced", Decimal("240")),
        ("pricing.adjustments", "router-10", "1", "applied", Decimal("-4.00")),
        ("pricing.adjustments", "router-10", "1", "applied", Decimal("-24.00")),
        ("prices.test", "voice-mrc", "2", "priced", Decimal("30")),
        ("pricing.adjustments", "voice-year", "2", "applied", Decimal("-15.00")),
        ("prices.test", "data", "3", "priced", Decimal("0.50")),
        (None, None, "4", "not priced", None),
        ("pricing.adjustments", "order-5", None, "applied", Decimal("-5"))]
    router = result.trace[3]
    assert router.version == 2
    assert router.inputs == {"level": "item", "itemId": "1", "priceType": "recurring", "recurringChargePeriod": "month",
                             "adjustmentType": "percent", "value": Decimal("10"), "priority": 1, "stacking": "stack",
                             "cap": None, "before": Decimal("39.98")}
    assert result.trace[0].inputs == {"itemId": "1", "productOffering": "router", "priceType": "oneTime",
                                      "unitAmount": Decimal("99.90"), "quantity": 2}
    assert result.trace[8].decision == {"outcome": "not priced", "reason": "not priced (action noChange)"}
