from datetime import datetime
from decimal import Decimal

import pytest

from engine.kinds import Provenance
from engine.lifecycle.pricing import Charge

ONE_TIME = Charge("oneTime")
MONTH = Charge("recurring", "month")
OUTPUTS = ("adjustmentType", "value", "level", "priority", "stacking", "cap", "priceType", "name")
OFFERING = {"name": "offering", "path": "item.productOffering.id", "type": "string"}


def adjustment(rule_id, kind, value, level="item", priority=None, stacking="stack", cap=None, price_type=None,
               name=None, cell="-"):
    return rule_id, [cell], [kind, value, level, priority, stacking, cap, price_type, name]


@pytest.fixture
def prices(kit):
    return kit.price_list(kit.row("nrc", "router", "100"), kit.row("mrc", "router", "20", "recurring"),
                          kit.row("voice-nrc", "voice", "50"), kit.row("data", "iot", "0.50", "usage"))


@pytest.fixture
def run(kit, prices):
    def run(*rules, items=None, hit_policy="COLLECT", **order_fields):
        table = kit.table(*rules, outputs=OUTPUTS, inputs=[OFFERING], hit_policy=hit_policy)
        the_order = kit.order(*(items or [kit.item("1", "router")]), **order_fields)
        return kit.price(the_order, prices, adjustments=table)
    return run


def amounts(result, item_id="1"):
    return {total.charge: total.amount for total in result.items[item_id].totals}


def applied(result, item_id="1", charge=ONE_TIME):
    total = next(t for t in result.items[item_id].totals if t.charge == charge)
    return [(a.source.row, a.amount) for a in total.alterations]


def test_percent_without_price_type_applies_to_every_one_time_and_recurring_charge(run):
    result = run(adjustment("ten", "percent", 10))
    assert amounts(result) == {ONE_TIME: Decimal("90.00"), MONTH: Decimal("18.00")}
    assert applied(result, charge=MONTH) == [("ten", Decimal("-2.00"))]


def test_amount_on_a_named_price_type(run):
    result = run(adjustment("off15", "amount", "15", price_type="oneTime"))
    assert amounts(result) == {ONE_TIME: Decimal("85"), MONTH: Decimal("20")}


def test_priority_orders_stacked_adjustments_lower_first(run):
    result = run(adjustment("pct", "percent", 10, priority=2, price_type="oneTime"),
                 adjustment("late", "amount", 2, price_type="oneTime"),
                 adjustment("amt", "amount", 20, priority=1, price_type="oneTime"))
    assert applied(result) == [("amt", Decimal("-20")), ("pct", Decimal("-8.00")), ("late", Decimal("-2"))]
    assert amounts(result)[ONE_TIME] == Decimal("70.00")
    swapped = run(adjustment("pct", "percent", 10, priority=1, price_type="oneTime"),
                  adjustment("amt", "amount", 20, priority=2, price_type="oneTime"))
    assert amounts(swapped)[ONE_TIME] == Decimal("70.00")
    assert applied(swapped) == [("pct", Decimal("-10.00")), ("amt", Decimal("-20"))]


def test_only_the_biggest_exclusive_applies_and_it_stacks_with_the_others(run):
    result = run(adjustment("ex-pct", "percent", 10, priority=1, stacking="exclusive", price_type="oneTime"),
                 adjustment("ex-amt", "amount", 15, priority=3, stacking="exclusive", price_type="oneTime"),
                 adjustment("stack", "amount", 5, priority=2, price_type="oneTime"))
    assert applied(result) == [("stack", Decimal("-5")), ("ex-amt", Decimal("-15"))]
    assert amounts(result)[ONE_TIME] == Decimal("80")
    loser = next(e for e in result.trace if e.rule == "ex-pct")
    assert loser.decision == {"outcome": "skipped", "reason": "exclusive: rule 'ex-amt' gives a bigger reduction"}


def test_exclusive_tie_goes_to_the_lower_priority(run):
    result = run(adjustment("b", "amount", 10, priority=5, stacking="exclusive", price_type="oneTime"),
                 adjustment("a", "percent", 10, priority=4, stacking="exclusive", price_type="oneTime"))
    assert applied(result) == [("a", Decimal("-10.00"))]


def test_cap_limits_the_reduction(run):
    result = run(adjustment("half", "percent", 50, cap="20", price_type="oneTime"))
    assert amounts(result)[ONE_TIME] == Decimal("80")
    entry = next(e for e in result.trace if e.rule == "half")
    assert entry.decision == {"outcome": "applied", "amount": Decimal("-20"), "after": Decimal("80"),
                              "capped": True, "floored": False}


def test_exclusive_choice_counts_the_cap(run):
    result = run(adjustment("capped", "percent", 50, cap="10", stacking="exclusive", price_type="oneTime"),
                 adjustment("flat", "amount", 12, stacking="exclusive", price_type="oneTime"))
    assert applied(result) == [("flat", Decimal("-12"))]


def test_never_below_zero(run):
    result = run(adjustment("big", "amount", 150, priority=1, price_type="oneTime"),
                 adjustment("more", "percent", 10, priority=2, price_type="oneTime"))
    assert amounts(result)[ONE_TIME] == Decimal("0")
    assert applied(result) == [("big", Decimal("-100"))]
    more = next(e for e in result.trace if e.rule == "more")
    assert more.decision == {"outcome": "skipped", "reason": "the charge is already at zero"}
    big = next(e for e in result.trace if e.rule == "big")
    assert big.decision["floored"] is True


def test_negative_value_is_a_surcharge(run):
    result = run(adjustment("fee", "percent", "-12.5", price_type="recurring"))
    assert amounts(result)[MONTH] == Decimal("22.50")


def test_percent_change_is_rounded_half_up(kit):
    prices = kit.price_list(kit.row("nrc", "router", "0.20"))
    table = kit.table(("r", [], ["percent", "12.5"]))
    result = kit.price(kit.order(kit.item("1", "router")), prices, adjustments=table)
    assert amounts(result)[ONE_TIME] == Decimal("0.17")


def test_item_rules_are_scoped_by_the_item_context(run, kit):
    result = run(adjustment("voice-only", "percent", 20, cell='"voice"'),
                 items=[kit.item("1", "router"), kit.item("2", "voice")])
    assert amounts(result, "1") == {ONE_TIME: Decimal("100"), MONTH: Decimal("20")}
    assert amounts(result, "2") == {ONE_TIME: Decimal("40.00")}


def test_item_amount_applies_to_the_item_charge_not_per_unit(run, kit):
    result = run(adjustment("off", "amount", 10, price_type="oneTime"), items=[kit.item("1", "router", quantity=3)])
    assert amounts(result)[ONE_TIME] == Decimal("290")


def test_order_level_adjustment_applies_to_order_totals(run, kit):
    result = run(adjustment("item10", "percent", 10, price_type="oneTime"),
                 adjustment("order5", "amount", 5, level="order", price_type="oneTime", name="Loyalty"),
                 items=[kit.item("1", "router"), kit.item("2", "voice")])
    assert amounts(result, "1")[ONE_TIME] == Decimal("90.00")
    assert amounts(result, "2")[ONE_TIME] == Decimal("45.00")
    total = next(t for t in result.order_totals if t.charge == ONE_TIME)
    assert (total.base, total.amount) == (Decimal("135.00"), Decimal("130.00"))
    assert [(a.name, a.level, a.item_id, a.amount) for a in total.alterations] == [
        ("Loyalty", "order", None, Decimal("-5"))]


def test_order_pass_reads_the_item_level_totals(kit, prices):
    table = kit.table(
        ("big-order", [">= 200"], ["percent", 10, "order"]),
        inputs=[{"name": "oneTime", "path": "price.oneTime", "type": "number"}], outputs=("adjustmentType", "value", "level"))
    small = kit.price(kit.order(kit.item("1", "router"), kit.item("2", "voice")), prices, adjustments=table)
    big = kit.price(kit.order(kit.item("1", "router", quantity=2)), prices, adjustments=table)
    assert small.total("oneTime") == Decimal("150")
    assert big.total("oneTime") == Decimal("180.00")
    assert big.total("recurring", "month") == Decimal("36.00")


def test_single_hit_table_gives_one_adjustment(run):
    result = run(adjustment("first", "percent", 10, price_type="oneTime"),
                 adjustment("second", "percent", 50, price_type="oneTime"), hit_policy="FIRST")
    assert applied(result) == [("first", Decimal("-10.00"))]


def test_table_default_is_an_adjustment_with_default_provenance(kit, prices):
    body = {"hitPolicy": "FIRST", "inputs": [OFFERING],
            "outputs": [{"name": "adjustmentType", "default": "amount"}, {"name": "value", "default": 1},
                        {"name": "priceType", "default": "oneTime"}],
            "rules": [{"id": "voice", "inputEntries": ['"voice"'], "outputEntries": ["percent", 50, "oneTime"]}]}
    table = kit.compile("decision_table", "pricing.defaults", body, version=2)
    result = kit.price(kit.order(kit.item("1", "router")), prices, adjustments=table)
    assert applied(result) == [("default", Decimal("-1"))]
    assert result.items["1"].totals[0].alterations[0].source == Provenance("pricing.defaults", 2, "default")


def test_null_value_means_no_adjustment(run):
    result = run(adjustment("none", None, None))
    assert amounts(result) == {ONE_TIME: Decimal("100"), MONTH: Decimal("20")}
    assert result.problems == []


def test_invalid_adjustment_is_a_problem_and_traced(run):
    result = run(adjustment("bad", "bogus", 10), adjustment("ok", "amount", 1, price_type="oneTime"))
    assert [(p.item_id, p.code) for p in result.problems] == [("1", "invalid_adjustment")]
    assert "rule 'bad': adjustmentType 'bogus' is not one of amount, percent" in result.problems[0].message
    assert amounts(result)[ONE_TIME] == Decimal("99")


def test_a_failing_table_is_a_problem_and_the_item_stays_priced(run):
    result = run(adjustment("a", "amount", 1), adjustment("b", "amount", 2), hit_policy="UNIQUE")
    assert [(p.item_id, p.code) for p in result.problems] == [("1", "adjustments_failed"), (None, "adjustments_failed")]
    assert "hit policy UNIQUE but several rules match: a, b" in result.problems[0].message
    assert amounts(result) == {ONE_TIME: Decimal("100"), MONTH: Decimal("20")}


def test_adjustment_without_a_matching_charge_is_skipped_with_the_reason(run, kit):
    result = run(adjustment("rc", "percent", 10, price_type="recurring"), items=[kit.item("2", "voice")])
    entry = next(e for e in result.trace if e.rule == "rc")
    assert entry.decision == {"outcome": "skipped", "reason": "no recurring charge to adjust"}


def test_usage_is_adjusted_only_when_named(run, kit):
    result = run(adjustment("all", "percent", 10), adjustment("usage", "percent", 20, price_type="usage"),
                 items=[kit.item("1", "iot")])
    assert amounts(result) == {Charge("usage", unit="GB"): Decimal("0.40")}


def test_item_pass_reads_the_item_price_before_adjustments(kit, prices):
    table = kit.table(("dear", [">= 150"], ["amount", 10]),
                      inputs=[{"name": "oneTime", "path": "price.oneTime", "type": "number"}])
    result = kit.price(kit.order(kit.item("1", "router"), kit.item("2", "router", quantity=2)), prices,
                       adjustments=table)
    assert amounts(result, "1") == {ONE_TIME: Decimal("100"), MONTH: Decimal("20")}
    assert amounts(result, "2") == {ONE_TIME: Decimal("190"), MONTH: Decimal("30")}


def test_order_pass_sees_the_items(kit, prices):
    count = {"reduce": [{"var": "items"}, {"+": [{"var": "accumulator"}, 1]}, 0]}
    table = kit.table(("two-or-more", [">= 2"], ["amount", 3, "order"]),
                      inputs=[{"name": "count", "expression": count, "type": "number"}],
                      outputs=("adjustmentType", "value", "level"))
    two = kit.price(kit.order(kit.item("1", "router"), kit.item("2", "voice")), prices, adjustments=table)
    one = kit.price(kit.order(kit.item("1", "router", quantity=2)), prices, adjustments=table)
    assert (two.total("oneTime"), two.total("recurring", "month")) == (Decimal("147"), Decimal("17"))
    assert (one.total("oneTime"), one.total("recurring", "month")) == (Decimal("200"), Decimal("40"))


def test_invalid_order_level_row_is_reported_once_for_the_order(run, kit):
    result = run(adjustment("bad", "amount", "ten", level="order"), items=[kit.item("1", "router"), kit.item("2", "voice")])
    assert [(p.item_id, p.code) for p in result.problems] == [(None, "invalid_adjustment")]
    entry = next(e for e in result.trace if e.rule == "bad")
    assert entry.decision["outcome"] == "skipped" and entry.inputs == {"level": "order", "itemId": None}


def test_naive_instant_is_taken_as_utc(kit):
    prices = kit.price_list(kit.row("nrc", "router", "100", validFor={"startDateTime": "2026-03-01T00:00:00Z"}))
    result = kit.price(kit.order(kit.item("1", "router")), prices, at=datetime(2026, 3, 1))
    assert result.total("oneTime") == Decimal("100")
