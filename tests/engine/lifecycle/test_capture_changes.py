from engine.lifecycle.capture import validate_order
from engine.lifecycle.changes import InventoryProduct
from tests.engine.lifecycle.catalogs import compiled_catalog

CATALOG = compiled_catalog([
    {"id": "fibre-500", "name": "Fibre 500M", "isSellable": True, "lifecycleStatus": "Launched",
     "productSpecification": {"id": "spec-x"}},
    {"id": "fibre-1g", "name": "Fibre 1G", "isSellable": True, "lifecycleStatus": "Launched",
     "productSpecification": {"id": "spec-x"}}])
PRODUCTS = {
    "p-active": InventoryProduct("p-active", "cust-1", "fibre-500", "active"),
    "p-suspended": InventoryProduct("p-suspended", "cust-1", "fibre-500", "suspended"),
    "p-terminated": InventoryProduct("p-terminated", "cust-1", "fibre-500", "terminated"),
    "p-other": InventoryProduct("p-other", "cust-2", "fibre-500", "active"),
    "p-spare": InventoryProduct("p-spare", "cust-1", "fibre-500", "active"),
}


def check(*items, party="cust-1"):
    return validate_order({"productOrderItem": list(items)}, CATALOG, products=PRODUCTS, party_id=party)


def suspend(product, item_id="1"):
    return {"id": item_id, "action": "modify", "product": {"id": product, "status": "suspended"}}


def test_changes_of_the_partys_products_in_a_state_that_allows_them_are_accepted():
    result = check(suspend("p-active"), {"id": "2", "action": "modify", "product": {"id": "p-suspended",
                                                                                   "status": "active"}},
                   {"id": "3", "action": "delete", "productOffering": {"id": "fibre-500"},
                    "product": {"id": "p-spare"}})
    assert result.accepted
    assert [entry.decision["valid"] for entry in result.trace] == [True, True, True]


def test_another_partys_product_is_refused_exactly_like_an_unknown_one():
    other, unknown = check(suspend("p-other")).rejections, check(suspend("p-nowhere")).rejections
    assert [(r.code, r.message) for r in other] == [
        ("product_unknown", "item 1: no product with id 'p-other' (/productOrderItem/0/product/id)")]
    assert [r.code for r in unknown] == ["product_unknown"]
    assert check(suspend("p-active"), party=None).rejections[0].code == "product_unknown"


def test_every_reason_of_every_item_is_listed_with_its_pointer():
    result = check(
        {"id": "1", "action": "modify", "product": {"id": "p-active", "status": "active"}},
        {"id": "2", "action": "modify", "productOffering": {"id": "fibre-1g"},
         "product": {"id": "p-terminated", "productCharacteristic": [{"name": "term", "value": 36}]}},
        {"id": "3", "action": "delete"},
        {"id": "4", "action": "modify", "product": {"id": "p-spare"}})
    assert [(r.item_id, r.code, r.message) for r in result.rejections] == [
        ("1", "product_state", "item 1: cannot resume product 'p-active': it is already active "
                               "(/productOrderItem/0/product/status)"),
        ("2", "offering_mismatch", "item 2: product 'p-terminated' is a 'fibre-500', not a 'fibre-1g' "
                                   "(/productOrderItem/1/productOffering/id)"),
        ("2", "product_state", "item 2: cannot modify product 'p-terminated': it is terminated "
                               "(/productOrderItem/1/action)"),
        ("2", "unknown_characteristic", "item 2: characteristic 'term' is not a characteristic of 'spec-x' "
                                        "(/productOrderItem/1/product/productCharacteristic)"),
        ("3", "product_missing", "item 3: a delete item must name the product (/productOrderItem/2/product/id)"),
        ("4", "nothing_to_modify", "item 4: a modify item must change the product's characteristics or status; "
                                   "it changes neither (/productOrderItem/3/product)")]


def test_suspending_a_suspended_or_terminated_product_is_refused():
    codes = [r.message for r in check(suspend("p-suspended"), suspend("p-terminated", "2")).rejections]
    assert codes == ["item 1: cannot suspend product 'p-suspended': it is already suspended "
                     "(/productOrderItem/0/product/status)",
                     "item 2: cannot suspend product 'p-terminated': it is terminated "
                     "(/productOrderItem/1/product/status)"]


def test_without_an_inventory_every_change_is_an_unknown_product():
    result = validate_order({"productOrderItem": [suspend("p-active")]}, CATALOG)
    assert [r.code for r in result.rejections] == ["product_unknown"]


def test_a_modify_must_change_something_and_a_status_change_nothing_else():
    same = {"id": "1", "action": "modify", "product": {"id": "p-active", "productCharacteristic": [
        {"name": "term", "value": 24}]}}
    terminate = {"id": "2", "action": "modify", "product": {"id": "p-suspended", "status": "terminated"}}
    both = {"id": "3", "action": "modify", "product": {"id": "p-suspended", "status": "active",
                                                       "productCharacteristic": [{"name": "term", "value": 36}]}}
    products = {**PRODUCTS, "p-active": InventoryProduct("p-active", "cust-1", "fibre-500", "active", {"term": 24})}
    result = validate_order({"productOrderItem": [same, terminate, both]}, CATALOG, products=products,
                            party_id="cust-1")
    assert [(r.item_id, r.code) for r in result.rejections] == [
        ("1", "nothing_to_modify"), ("2", "status_not_orderable"), ("3", "status_and_characteristics"),
        ("3", "product_named_twice")]
    assert result.rejections[-1].message == ("item 3: product 'p-suspended' is changed by item 2 already "
                                             "(/productOrderItem/2/product/id)")
