from engine.lifecycle.capture import validate_order
from tests.engine.lifecycle.catalogs import compiled_catalog

SPEC = {"productSpecification": {"id": "spec-x"}}
CATALOG = compiled_catalog([
    {"id": "fibre-500", "name": "Fibre 500M", "isSellable": True, "lifecycleStatus": "Launched", **SPEC},
    {"id": "old", "name": "Old", "isSellable": True, "lifecycleStatus": "Retired", **SPEC},
    {"id": "hidden", "name": "Hidden", "isSellable": False, "lifecycleStatus": "Launched", **SPEC},
])


def order(*items):
    return {"productOrderItem": list(items)}


def item(item_id, offering=None, **extra):
    body = {"id": item_id, "action": "add", **extra}
    if offering:
        body["productOffering"] = {"id": offering}
    return body


def test_known_sellable_offering_is_accepted_with_a_trace():
    result = validate_order(order(item("1", "fibre-500")), CATALOG, ("catalog.demo", 3))
    assert result.accepted
    assert result.trace[0].artifact == "catalog.demo" and result.trace[0].version == 3
    assert result.trace[0].decision == {"valid": True, "reasons": []}


def test_every_reason_is_listed_not_only_the_first():
    result = validate_order(order(item("1", "nope"), item("2", "old"), item("3", "hidden"), item("4"),
                                  item("5", "fibre-500", quantity=0)), CATALOG)
    assert [(r.item_id, r.code) for r in result.rejections] == [
        ("1", "offering_unknown"), ("2", "offering_not_sellable"), ("3", "offering_not_sellable"),
        ("4", "offering_missing"), ("5", "quantity_invalid")]
    assert "'nope' is not in the catalog" in result.rejections[0].message


def test_an_order_without_items_is_rejected():
    assert [r.code for r in validate_order({"productOrderItem": []}, CATALOG).rejections] == ["no_items"]


def test_actions_other_than_add_and_changes_are_refused_for_now():
    result = validate_order(order({"id": "1", "action": "noChange", "productOffering": {"id": "fibre-500"}}), CATALOG)
    assert [r.code for r in result.rejections] == ["action_not_supported"]
