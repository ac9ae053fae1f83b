from datetime import UTC, datetime
from decimal import Decimal

from engine.kinds import Provenance
from engine.lifecycle.pricing import Charge

MONTH = Charge("recurring", "month")
ONE_TIME = Charge("oneTime")


def test_one_time_and_recurring_lines_are_multiplied_by_quantity(kit):
    prices = kit.price_list(kit.row("nrc", "router", "19.99"), kit.row("mrc", "router", "4.95", "recurring"))
    result = kit.price(kit.order(kit.item("1", "router", quantity=3)), prices)
    lines = result.items["1"].lines
    assert [(line.charge, line.unit_amount, line.quantity, line.amount) for line in lines] == [
        (ONE_TIME, Decimal("19.99"), 3, Decimal("59.97")), (MONTH, Decimal("4.95"), 3, Decimal("14.85"))]
    assert result.problems == []


def test_usage_price_is_a_unit_price_not_multiplied_nor_rounded(kit):
    prices = kit.price_list(kit.row("data", "iot", "0.0045", "usage", unitOfMeasure="MB"))
    result = kit.price(kit.order(kit.item("1", "iot", quantity=50)), prices)
    line = result.items["1"].lines[0]
    assert (line.charge, line.amount) == (Charge("usage", unit="MB"), Decimal("0.0045"))
    assert result.order_totals == ()


def test_line_amount_is_rounded_half_up_to_the_minor_unit(kit):
    prices = kit.price_list(kit.row("nrc", "router", "0.125"), kit.row("mrc", "router", "1.0049", "recurring"))
    result = kit.price(kit.order(kit.item("1", "router", quantity=1)), prices)
    assert [line.amount for line in result.items["1"].lines] == [Decimal("0.13"), Decimal("1.00")]


def test_minor_unit_follows_the_currency(kit):
    prices = kit.price_list(kit.row("nrc", "router", "100.5"), currency="JPY")
    result = kit.price(kit.order(kit.item("1", "router", quantity=3)), prices)
    assert result.items["1"].lines[0].amount == Decimal("302")
    assert result.to_tmf_order_total()[0]["price"]["dutyFreeAmount"] == {"unit": "JPY", "value": Decimal("302")}


def test_effective_dates_choose_the_price_valid_at_the_pricing_instant(kit):
    prices = kit.price_list(
        kit.row("old", "fibre", "49.90", "recurring", validFor={"endDateTime": "2026-07-01"}),
        kit.row("new", "fibre", "44.90", "recurring", validFor={"startDateTime": "2026-07-01"}))
    the_order = kit.order(kit.item("1", "fibre"))
    spring = kit.price(the_order, prices, at=datetime(2026, 6, 30, 23, 59, tzinfo=UTC))
    summer = kit.price(the_order, prices, at=datetime(2026, 7, 1, tzinfo=UTC))
    assert [(line.source.row, line.amount) for line in spring.lines] == [("old", Decimal("49.90"))]
    assert [(line.source.row, line.amount) for line in summer.lines] == [("new", Decimal("44.90"))]


def test_a_price_list_window_outside_the_instant_leaves_the_item_unpriced(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"), validFor={"startDateTime": "2027-01-01"})
    result = kit.price(kit.order(kit.item("1", "router")), prices)
    assert result.items == {}
    assert [p.as_dict()["code"] for p in result.problems] == ["no_price"]


def test_conditions_read_order_and_item_characteristics(kit):
    prices = kit.price_list(
        kit.row("base", "fibre", "30", "recurring"),
        kit.row("fast", "fibre", "15", "recurring", condition={">=": [{"var": "item.characteristics.bandwidth"}, 500]}),
        kit.row("waive", "fibre", "-50", condition={"==": [{"var": "order.category"}, "enterprise"]}),
        kit.row("install", "fibre", "50"))
    fast = kit.price(kit.order(kit.item("1", "fibre", bandwidth=500), category="enterprise"), prices)
    slow = kit.price(kit.order(kit.item("1", "fibre"), category="consumer"), prices)
    assert [line.source.row for line in fast.lines] == ["base", "fast", "waive", "install"]
    assert (fast.total("recurring", "month"), fast.total("oneTime")) == (Decimal("45"), Decimal("0"))
    assert [line.source.row for line in slow.lines] == ["base", "install"]


def test_catalog_default_characteristic_is_seen_by_conditions(kit):
    prices = kit.price_list(
        kit.row("slow", "fibre", "30", "recurring", condition={"==": [{"var": "item.characteristics.bandwidth"}, 100]}))
    result = kit.price(kit.order(kit.item("1", "fibre")), prices)
    assert [line.source.row for line in result.lines] == ["slow"]


def test_every_line_carries_the_price_list_provenance(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"), kit.row("mrc", "router", "2", "recurring"), version=7)
    result = kit.price(kit.order(kit.item("1", "router"), kit.item("2", "router")), prices)
    assert [line.source for line in result.lines] == [
        Provenance("prices.test", 7, "nrc"), Provenance("prices.test", 7, "mrc"),
        Provenance("prices.test", 7, "nrc"), Provenance("prices.test", 7, "mrc")]


def test_unpriced_and_unknown_offerings_are_problems_not_crashes(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"))
    result = kit.price(kit.order(kit.item("1", "unpriced"), kit.item("2", "ghost"), kit.item("3", "router")), prices)
    assert [p.as_dict() for p in result.problems] == [
        {"itemId": "1", "code": "no_price", "message": "item 1: offering 'unpriced' has no EUR price at 2026-03-01T00:00:00+00:00"},
        {"itemId": "2", "code": "unknown_offering", "message": "item 2: offering 'ghost' is not in the catalog"}]
    assert list(result.items) == ["3"]
    assert result.total("oneTime") == Decimal("10")


def test_invalid_quantity_is_a_problem(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"))
    result = kit.price(kit.order(kit.item("1", "router", quantity=0)), prices)
    assert [(p.item_id, p.code) for p in result.problems] == [("1", "invalid_quantity")]
    assert result.items == {}


def test_currency_mismatch_is_reported_and_left_out_of_totals(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"), kit.row("mrc", "router", "3", "recurring", currency="USD"))
    result = kit.price(kit.order(kit.item("1", "router")), prices)
    assert [(p.item_id, p.code) for p in result.problems] == [("1", "currency_mismatch")]
    assert "row 'mrc' is in USD, the order is priced in EUR" in result.problems[0].message
    assert [line.source.row for line in result.lines] == ["nrc"]
    assert result.total("recurring", "month") == Decimal("0")


def test_only_add_items_are_priced_others_are_traced(kit):
    prices = kit.price_list(kit.row("nrc", "router", "10"))
    result = kit.price(kit.order(kit.item("1", "router", action="modify"), kit.item("2", "router", action="delete")),
                       prices)
    assert result.items == {} and result.problems == []
    assert [entry.decision for entry in result.trace] == [
        {"outcome": "not priced", "reason": "not priced (action modify)"},
        {"outcome": "not priced", "reason": "not priced (action delete)"}]
