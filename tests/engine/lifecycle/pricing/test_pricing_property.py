from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.lifecycle.pricing import Charge

OFFERINGS = ("router", "voice", "fibre")
amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("10000"), places=4)
quantities = st.integers(min_value=1, max_value=500)
adjustment_rows = st.lists(st.tuples(
    st.sampled_from(["percent", "amount"]), st.decimals(min_value=Decimal("-50"), max_value=Decimal("150"), places=2),
    st.sampled_from(["item", "order"]), st.one_of(st.none(), st.integers(1, 5)),
    st.sampled_from(["stack", "exclusive"]), st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))),
    max_size=5)


def build(kit, offering_amounts, item_quantities, rows):
    price_rows = []
    for index, (offering, (one_time, monthly)) in enumerate(zip(OFFERINGS, offering_amounts, strict=True)):
        price_rows += [kit.row(f"n{index}", offering, str(one_time)),
                       kit.row(f"m{index}", offering, str(monthly), "recurring")]
    table = None
    if rows:
        table = kit.table(*[(f"r{i}", [], [t, str(v), lv, p, s, None if c is None else str(c)])
                            for i, (t, v, lv, p, s, c) in enumerate(rows)],
                          outputs=("adjustmentType", "value", "level", "priority", "stacking", "cap"))
    items = [kit.item(str(i), OFFERINGS[i % 3], quantity=q) for i, q in enumerate(item_quantities)]
    return kit.order(*items), kit.price_list(*price_rows), table


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offering_amounts=st.lists(st.tuples(amounts, amounts), min_size=3, max_size=3),
       item_quantities=st.lists(quantities, min_size=1, max_size=8))
def test_without_adjustments_totals_are_the_exact_sum_of_the_lines(kit, offering_amounts, item_quantities):
    the_order, prices, _ = build(kit, offering_amounts, item_quantities, [])
    result = kit.price(the_order, prices)
    for charge in (Charge("oneTime"), Charge("recurring", "month")):
        lines = [line.amount for line in result.lines if line.charge == charge]
        assert result.total(charge.price_type, charge.period) == sum(lines, Decimal(0))
    for line in result.lines:
        assert line.amount == (line.unit_amount * line.quantity).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offering_amounts=st.lists(st.tuples(amounts, amounts), min_size=3, max_size=3),
       item_quantities=st.lists(quantities, min_size=1, max_size=6), rows=adjustment_rows)
def test_totals_are_lines_plus_alterations_and_never_negative(kit, offering_amounts, item_quantities, rows):
    the_order, prices, table = build(kit, offering_amounts, item_quantities, rows)
    result = kit.price(the_order, prices, adjustments=table)
    assert result.problems == []
    order_bases: dict = {}
    for item in result.items.values():
        for total in item.totals:
            lines = [line.amount for line in item.lines if line.charge == total.charge]
            assert total.base == sum(lines, Decimal(0))
            assert total.amount == total.base + sum((a.amount for a in total.alterations), Decimal(0))
            assert total.amount >= 0
            assert all(a.amount == a.amount.quantize(Decimal("0.01")) for a in total.alterations)
            order_bases[total.charge] = order_bases.get(total.charge, Decimal(0)) + total.amount
    for total in result.order_totals:
        assert total.base == order_bases[total.charge]
        assert total.amount == total.base + sum((a.amount for a in total.alterations), Decimal(0))
        assert total.amount >= 0
    assert len(result.order_totals) == len(order_bases)
