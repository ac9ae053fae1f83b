from engine.lifecycle.merge_patch import changes, merge_patch

ORDER = {"description": "x", "productOrderItem": [
    {"id": "1", "product": {"productCharacteristic": [{"name": "bandwidth", "value": 500}]}},
    {"id": "2", "product": {"productCharacteristic": [{"name": "portIn", "value": True}]}}]}


def test_items_and_characteristics_merge_by_identity():
    patched = merge_patch(ORDER, {"productOrderItem": [
        {"id": "2", "product": {"productCharacteristic": [{"name": "portInNumber", "value": "+3212345678"}]}}]})
    second = patched["productOrderItem"][1]["product"]["productCharacteristic"]
    assert second == [{"name": "portIn", "value": True}, {"name": "portInNumber", "value": "+3212345678"}]
    assert patched["productOrderItem"][0] == ORDER["productOrderItem"][0]
    assert ORDER["productOrderItem"][1]["product"]["productCharacteristic"] == [{"name": "portIn", "value": True}]


def test_null_removes_and_scalars_replace():
    assert merge_patch({"a": 1, "b": 2}, {"a": None, "b": 3}) == {"b": 3}
    assert merge_patch({"a": [1, 2]}, {"a": [3]}) == {"a": [3]}


def test_changes_lists_the_paths_that_differ():
    after = merge_patch(ORDER, {"description": "y"})
    assert changes(ORDER, after) == [{"op": "replace", "path": "/description", "old": "x", "new": "y"}]
