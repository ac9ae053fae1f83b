"""Setting an order item's characteristics where they stand (a fallout fix carried onto the order item)."""
from engine.lifecycle.items import item_characteristics, with_characteristics


def test_values_are_set_where_they_stand_and_the_input_is_left_alone():
    item = {"id": "1", "characteristics": {"region": "north"},
            "product": {"productCharacteristic": [{"name": "apn", "value": "typo.example"},
                                                  {"name": "dataPlan", "value": "iot-1GB"}]}}
    fixed = with_characteristics(item, {"apn": "right.example", "region": "south"})
    assert fixed["product"]["productCharacteristic"] == [{"name": "apn", "value": "right.example"},
                                                         {"name": "dataPlan", "value": "iot-1GB"}]
    assert fixed["characteristics"] == {"region": "south"}
    assert item_characteristics(fixed) == {"apn": "right.example", "dataPlan": "iot-1GB", "region": "south"}
    assert item["product"]["productCharacteristic"][0]["value"] == "typo.example"  # a copy, not in place
    assert item["characteristics"] == {"region": "north"}
