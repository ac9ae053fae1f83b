from datetime import UTC, datetime
from decimal import Decimal

import pytest

from engine.lifecycle.changes import InventoryProduct
from engine.lifecycle.pricing.changes import months_until

END = datetime(2027, 3, 1, tzinfo=UTC)  # kit.at is 2026-03-01: 12 months left


def fibre(status="active", end=END, **characteristics):
    return InventoryProduct("p-1", "cust-1", "fibre", status, {"bandwidth": 100, **characteristics},
                            contract_end=end, contract_term=24)


@pytest.fixture
def prices(kit):
    return kit.price_list(
        kit.row("install", "fibre", "99.00"),
        kit.row("mrc-100", "fibre", "29.90", "recurring", condition={"==": [{"var": "item.characteristics.bandwidth"}, 100]}),
        kit.row("mrc-500", "fibre", "44.95", "recurring", condition={"==": [{"var": "item.characteristics.bandwidth"}, 500]}))


@pytest.fixture
def termination(kit):
    return kit.table(("fibre-half", ['"fibre"', "> 0"], [50]),
                     inputs=[{"name": "offering", "path": "item.productOffering.id", "type": "string"},
                             {"name": "left", "path": "contract.remainingMonths", "type": "number"}],
                     outputs=("percent",), hit_policy="FIRST", key="pricing.termination", version=4)


def modify(kit, **characteristics):
    return kit.item("1", "fibre", action="modify", **characteristics) | {
        "product": {"id": "p-1", "productCharacteristic": [{"name": k, "value": v}
                                                           for k, v in characteristics.items()]}}


def delete(kit):
    return {"id": "1", "action": "delete", "productOffering": {"id": "fibre"}, "product": {"id": "p-1"}}


def test_a_modify_is_priced_as_the_recurring_delta_with_both_rows_as_provenance(kit, prices):
    result = kit.price(kit.order(modify(kit, bandwidth=500)), prices, products={"p-1": fibre()})
    assert [(line.source.row, line.amount) for line in result.lines] == [("mrc-500", Decimal("44.95")),
                                                                         ("mrc-100", Decimal("-29.90"))]
    assert result.total("recurring", "month") == Decimal("15.05")
    assert result.total("oneTime") == Decimal(0)  # no installation on a change
    entry = next(e for e in result.trace if e.rule == "modify-delta")
    assert entry.decision == {"outcome": "delta", "recurring": {"month": Decimal("15.05")}}


def test_a_cheaper_configuration_is_a_negative_delta(kit, prices):
    result = kit.price(kit.order(modify(kit, bandwidth=100)), prices, products={"p-1": fibre(bandwidth=500)})
    assert result.total("recurring", "month") == Decimal("-15.05")


def test_a_disconnect_within_the_term_pays_the_packs_share_of_the_remaining_months(kit, prices, termination):
    result = kit.price(kit.order(delete(kit)), prices, products={"p-1": fibre(bandwidth=500)},
                       termination=termination)
    # 12 months x 44.95 x 50 % = 269.70
    [line] = result.lines
    assert (line.charge.price_type, line.amount, line.source.artifact, line.source.version, line.source.row) == (
        "oneTime", Decimal("269.70"), "pricing.termination", 4, "fibre-half")
    assert result.total("oneTime") == Decimal("269.70")


def test_the_termination_charge_is_rounded_half_up_to_the_cent(kit, termination):
    prices = kit.price_list(kit.row("mrc", "fibre", "10.01", "recurring"))
    end = datetime(2026, 4, 1, tzinfo=UTC)  # one month left: 10.01 x 50 % = 5.005 -> 5.01
    result = kit.price(kit.order(delete(kit)), prices, products={"p-1": fibre(end=end)}, termination=termination)
    assert result.lines[0].amount == Decimal("5.01")


@pytest.mark.parametrize("end", [datetime(2026, 3, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC), None])
def test_nothing_is_charged_after_the_term(kit, prices, termination, end):
    result = kit.price(kit.order(delete(kit)), prices, products={"p-1": fibre(end=end)}, termination=termination)
    assert result.lines == [] and result.problems == []
    entry = next(e for e in result.trace if e.rule == "early-termination")
    assert entry.decision == {"outcome": "not charged", "reason": "the contract term has ended"}


def test_without_a_termination_table_a_disconnect_is_free(kit, prices):
    result = kit.price(kit.order(delete(kit)), prices, products={"p-1": fibre()})
    assert result.lines == []


def test_changes_without_their_product_and_suspensions_are_not_priced(kit, prices):
    suspend = {"id": "2", "action": "modify", "productOffering": {"id": "fibre"},
               "product": {"id": "p-1", "status": "suspended"}}
    result = kit.price(kit.order(modify(kit, bandwidth=500), suspend), prices)
    assert result.items == {} and result.problems == []
    assert [e.decision["reason"] for e in result.trace] == ["not priced (action modify)",
                                                            "not priced (action suspend)"]


@pytest.mark.parametrize(("start", "end", "months"), [
    (datetime(2026, 1, 15, 9, tzinfo=UTC), datetime(2026, 3, 15, 9, tzinfo=UTC), 2),
    (datetime(2026, 1, 15, 9, tzinfo=UTC), datetime(2026, 3, 15, 10, tzinfo=UTC), 3),
    (datetime(2026, 1, 15, 9, tzinfo=UTC), datetime(2026, 3, 10, 9, tzinfo=UTC), 2),
    (datetime(2026, 1, 31, 9, tzinfo=UTC), datetime(2026, 2, 1, 9, tzinfo=UTC), 1),
    (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC), 0)])
def test_months_until_counts_every_month_started(start, end, months):
    assert months_until(start, end) == months
