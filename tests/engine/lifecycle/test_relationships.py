"""Product relationships at capture (pure): requires, excludes and cardinality against the order and holdings."""
import json

import pytest

from engine.kinds import compile_document
from engine.lifecycle.relationships import Holding, InFlight, relationship_problems
from tests.conftest import DEMO_PACK
from tests.engine.lifecycle.catalogs import compiled_catalog

DEMO = compile_document(json.loads((DEMO_PACK / "artifacts" / "catalog.json").read_text()), version=1)
FIBRES = "'spec-fibre-access' (fibre-100 / fibre-500 / fibre-1g)"


def add(item_id, offering, quantity=1, **extra):
    return {"id": item_id, "action": "add", "quantity": quantity, "productOffering": {"id": offering}, **extra}


def delete(item_id, product):
    return {"id": item_id, "action": "delete", "product": {"id": product}}


def relies_on_product(product):
    return {"product": {"productRelationship": [{"relationshipType": "reliesOn", "product": {"id": product}}]}}


def problems(*items, holdings=(), catalog=DEMO):
    return [(r.item_id, r.code, r.pointer) for r in
            relationship_problems({"productOrderItem": list(items)}, catalog, list(holdings), "cust-1")]


def test_voip_alone_is_refused_naming_the_item_and_the_fibre_offerings_it_needs():
    found = relationship_problems({"productOrderItem": [add("7", "voip-line")]}, DEMO, [], "cust-1")
    assert [(r.item_id, r.code, r.pointer) for r in found] == [
        ("7", "required_offering_missing", "/productOrderItem/0/productOffering/id")]
    assert found[0].message == (f"item 7: 'voip-line' requires {FIBRES}: the order adds none and customer cust-1 "
                                "holds none (/productOrderItem/0/productOffering/id)")


def test_voip_with_fibre_in_the_order_or_held_by_the_customer_is_accepted():
    assert problems(add("1", "fibre-100"), add("2", "voip-line")) == []
    assert problems(add("1", "voip-line"), add("2", "fibre-1g")) == []  # order within the order does not matter
    assert problems(add("1", "voip-line"), holdings=[Holding("p-1", "fibre-500")]) == []


def test_a_fibre_disconnected_by_the_same_order_does_not_count():
    assert problems(delete("1", "p-1"), add("2", "voip-line"), holdings=[Holding("p-1", "fibre-500")]) == [
        ("2", "required_offering_missing", "/productOrderItem/1/productOffering/id")]


def test_every_reason_is_listed_not_only_the_first():
    assert problems(add("1", "voip-line"), add("2", "static-ip"), add("3", "iot-sim-fleet")) == [
        ("1", "required_offering_missing", "/productOrderItem/0/productOffering/id"),
        ("2", "required_offering_missing", "/productOrderItem/1/productOffering/id")]


def test_an_item_that_relies_on_a_named_product_needs_that_product_to_be_the_required_one():
    held = [Holding("p-fibre", "fibre-500"), Holding("p-iot", "iot-sim-fleet")]
    assert problems(add("1", "voip-line", **relies_on_product("p-fibre")), holdings=held) == []
    found = relationship_problems({"productOrderItem": [add("1", "voip-line", **relies_on_product("p-iot"))]},
                                  DEMO, held, "cust-1")
    assert [r.code for r in found] == ["required_offering_missing"]
    assert "what it relies on (product p-iot) is none of them" in found[0].message
    # a product of someone else (not in the holdings) is not one either
    assert len(problems(add("1", "voip-line", **relies_on_product("p-other")), holdings=held)) == 1


def test_an_item_may_rely_on_another_item_of_the_order():
    voip = add("2", "voip-line", productOrderItemRelationship=[{"id": "1", "relationshipType": "reliesOn"}])
    assert problems(add("1", "fibre-100"), voip) == []
    assert problems(add("1", "iot-sim-fleet"), add("3", "fibre-100"), voip) == [
        ("2", "required_offering_missing", "/productOrderItem/2/productOffering/id")]


def test_fibre_excludes_a_held_adsl_unless_the_order_disconnects_it():
    adsl = [Holding("p-adsl", "adsl-legacy")]
    found = relationship_problems({"productOrderItem": [add("1", "fibre-500")]}, DEMO, adsl, "cust-1")
    assert [(r.item_id, r.code) for r in found] == [("1", "excluded_offering")]
    assert found[0].message.startswith("item 1: 'fibre-500' excludes 'spec-adsl' (adsl-legacy), and customer "
                                       "cust-1 holds product p-adsl (adsl-legacy)")
    assert problems(delete("1", "p-adsl"), add("2", "fibre-500"), holdings=adsl) == []


def test_excludes_declared_on_one_side_hold_both_ways_and_inside_one_order():
    catalog = compiled_catalog([
        {"id": "a", "name": "A", "productSpecification": {"id": "s"},
         "productOfferingRelationship": [{"id": "b", "relationshipType": "excludes"}]},
        {"id": "b", "name": "B", "productSpecification": {"id": "s"}}])
    assert problems(add("1", "b"), holdings=[Holding("p-a", "a")], catalog=catalog) == [
        ("1", "excluded_offering", "/productOrderItem/0/productOffering/id")]
    assert problems(add("1", "a"), add("2", "b"), catalog=catalog) == [
        ("2", "excluded_offering", "/productOrderItem/1/productOffering/id")]  # the pair once, not twice


def test_cardinality_per_customer_counts_held_products_and_the_order():
    catalog = compiled_catalog([{"id": "voip-line", "name": "VoIP", "productSpecification": {"id": "s-voip"},
                                 "cardinality": {"perCustomer": {"max": 4}}}])
    three = [Holding(f"p-{n}", "voip-line") for n in range(3)]
    assert problems(add("1", "voip-line"), holdings=three, catalog=catalog) == []
    found = relationship_problems({"productOrderItem": [add("1", "voip-line", quantity=2)]}, catalog, three, "cust-1")
    assert [(r.item_id, r.code, r.pointer) for r in found] == [
        ("1", "cardinality_per_customer", "/productOrderItem/0/quantity")]
    assert "customer cust-1 would hold 5 'voip-line' (3 held, 2 in this order); a customer may hold 0..4" \
        in found[0].message
    # a disconnected line frees its place
    assert problems(delete("1", "p-0"), add("2", "voip-line", quantity=2), holdings=three, catalog=catalog) == []


def test_the_demo_pack_caps_voip_lines_per_order_not_per_customer():
    many = [Holding(f"p-{n}", "voip-line") for n in range(9)] + [Holding("p-f", "fibre-100")]
    assert problems(add("1", "voip-line", quantity=4), holdings=many) == []
    assert problems(add("1", "voip-line", quantity=3), add("2", "voip-line", quantity=2), holdings=many) == [
        ("1", "cardinality_per_order", "/productOrderItem/0/quantity")]


def test_cardinality_per_order_sums_the_items_of_one_offering():
    catalog = compiled_catalog([{"id": "sim", "name": "SIM", "productSpecification": {"id": "s"},
                                 "cardinality": {"perOrder": {"min": 2, "max": 3}}}])
    assert problems(add("1", "sim", 2), add("2", "sim", 1), catalog=catalog) == []
    assert problems(add("1", "sim", 2), add("2", "sim", 2), catalog=catalog) == [
        ("1", "cardinality_per_order", "/productOrderItem/0/quantity")]
    assert problems(add("1", "sim", 1), catalog=catalog) == [("1", "cardinality_per_order", "/productOrderItem/0/quantity")]


def test_a_disconnect_may_not_leave_a_kept_product_without_what_it_requires():
    held = [Holding("p-fibre", "fibre-500"), Holding("p-voip", "voip-line")]
    found = relationship_problems({"productOrderItem": [delete("1", "p-fibre")]}, DEMO, held, "cust-1")
    assert [(r.item_id, r.code, r.pointer) for r in found] == [
        ("1", "required_by_kept_product", "/productOrderItem/0/product/id")]
    assert "leaves product p-voip (voip-line) without the 'spec-fibre-access'" in found[0].message
    assert problems(delete("1", "p-fibre"), delete("2", "p-voip"), holdings=held) == []
    assert problems(delete("1", "p-fibre"), add("2", "fibre-1g"), holdings=held) == []  # replaced in the order
    assert problems(delete("1", "p-fibre"), holdings=[*held, Holding("p-fibre-2", "fibre-100")]) == []


def test_bundled_offerings_come_with_their_bundle():
    catalog = compiled_catalog([
        {"id": "pack", "name": "Pack", "isBundle": True, "productSpecification": {"id": "s"},
         "bundledProductOffering": [{"id": "access"}]},
        {"id": "access", "name": "Access", "isSellable": False, "productSpecification": {"id": "s-access"}},
        {"id": "tv", "name": "TV", "productSpecification": {"id": "s-tv"},
         "productOfferingRelationship": [{"id": "access", "relationshipType": "requires"}]}],
        [{"id": "s", "name": "s"}, {"id": "s-access", "name": "a"}, {"id": "s-tv", "name": "t"}])
    assert problems(add("1", "pack"), add("2", "tv"), catalog=catalog) == []
    assert problems(add("2", "tv"), catalog=catalog) == [("2", "required_offering_missing",
                                                          "/productOrderItem/0/productOffering/id")]


@pytest.mark.parametrize("item", [{"id": "1", "action": "add", "productOffering": {"id": "nope"}},
                                  {"id": "1", "action": "add"}, {"id": "1", "action": "modify"}])
def test_items_capture_rejects_for_other_reasons_are_left_to_it(item):
    assert problems(item) == []


def test_items_of_other_open_orders_count_towards_the_per_customer_maximum():
    catalog = compiled_catalog([{"id": "voip-line", "name": "VoIP", "productSpecification": {"id": "s-voip"},
                                 "cardinality": {"perCustomer": {"max": 3}}}])
    held, coming = [Holding("p-0", "voip-line")], [InFlight("o-1", "1", "voip-line", 1)]
    assert relationship_problems({"productOrderItem": [add("1", "voip-line")]}, catalog, held, "cust-1", coming) == []
    found = relationship_problems({"productOrderItem": [add("1", "voip-line")]}, catalog, held, "cust-1",
                                  [*coming, InFlight("o-2", "4", "voip-line", 1)])
    assert [(r.code, r.pointer) for r in found] == [("cardinality_per_customer", "/productOrderItem/0/quantity")]
    assert "would hold 4 'voip-line' (1 held, 2 in open order(s) o-1, o-2, 1 in this order)" in found[0].message


def test_an_offering_another_open_order_adds_is_excluded_as_if_held():
    found = relationship_problems({"productOrderItem": [add("1", "fibre-500")]}, DEMO, [], "cust-1",
                                  [InFlight("o-9", "3", "adsl-legacy")])
    assert [(r.code, r.pointer) for r in found] == [("excluded_offering", "/productOrderItem/0/productOffering/id")]
    assert "which item 3 of open order o-9 adds" in found[0].message


def test_a_required_offering_in_another_open_order_does_not_count_until_held():
    found = relationship_problems({"productOrderItem": [add("1", "voip-line")]}, DEMO, [], "cust-1",
                                  [InFlight("o-1", "1", "fibre-500")])
    assert [r.code for r in found] == ["required_offering_missing"]
