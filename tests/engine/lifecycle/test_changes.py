import pytest

from engine.lifecycle.changes import InventoryProduct, change_kind, product_id, resolved_item, state_problem

PRODUCT = InventoryProduct("p-1", "cust-1", "fibre-500", "active", {"bandwidth": "500M", "term": 24},
                           place=[{"role": "installationAddress", "postcode": "10115"}])


@pytest.mark.parametrize(("item", "kind"), [
    ({"action": "add"}, "add"), ({}, "add"), ({"action": "delete"}, "delete"), ({"action": "noChange"}, "noChange"),
    ({"action": "modify", "product": {"productCharacteristic": []}}, "modify"),
    ({"action": "modify", "product": {"status": "suspended"}}, "suspend"),
    ({"action": "modify", "product": {"status": "active"}}, "resume"),
    ({"action": "add", "product": {"status": "suspended"}}, "add")])
def test_change_kind_reads_tmf622_v4_suspend_and_resume_as_modify_with_a_status(item, kind):
    assert change_kind(item) == kind


def test_product_id_is_the_items_product_reference():
    assert product_id({"product": {"id": 42}}) == "42"
    assert product_id({"product": {"id": ""}}) is None
    assert product_id({}) is None


@pytest.mark.parametrize(("kind", "status", "problem"), [
    ("suspend", "active", None), ("suspend", "suspended", "it is already suspended"),
    ("suspend", "terminated", "it is terminated"), ("resume", "suspended", None),
    ("resume", "active", "it is already active"), ("resume", "terminated", "it is terminated"),
    ("delete", "active", None), ("delete", "suspended", None), ("delete", "terminated", "it is terminated"),
    ("delete", "pendingTerminate", "it is already pendingTerminate"),
    ("modify", "active", None), ("modify", "suspended", None), ("modify", "terminated", "it is terminated"),
    ("modify", "pendingTerminate", "it is pendingTerminate")])
def test_the_product_state_must_allow_the_change(kind, status, problem):
    assert state_problem(kind, status) == problem


def test_a_modify_item_gets_the_offering_the_place_and_its_whole_new_configuration():
    item = {"id": "1", "action": "modify", "product": {"id": "p-1", "productCharacteristic": [
        {"name": "term", "value": 36}]}}
    resolved = resolved_item(item, PRODUCT, "Fibre 500M")
    assert resolved["productOffering"] == {"id": "fibre-500", "name": "Fibre 500M"}
    assert resolved["product"]["place"] == PRODUCT.place
    assert resolved["product"]["productCharacteristic"] == [{"name": "bandwidth", "value": "500M"},
                                                            {"name": "term", "value": 36}]
    assert item["product"]["productCharacteristic"] == [{"name": "term", "value": 36}]  # not changed in place


def test_a_suspend_item_keeps_what_it_gives_and_gets_no_characteristics():
    item = {"id": "1", "action": "modify", "productOffering": {"id": "fibre-500"},
            "product": {"id": "p-1", "status": "suspended", "place": [{"postcode": "1"}]}}
    resolved = resolved_item(item, PRODUCT)
    assert resolved["productOffering"] == {"id": "fibre-500"}
    assert resolved["product"] == {"id": "p-1", "status": "suspended", "place": [{"postcode": "1"}]}
