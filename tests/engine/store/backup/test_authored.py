"""The chain's record of authored rows compared with a backup's; the pack hash (engine.artifacts, which the studio
computes at publication too) does not depend on the order of the pins."""
from engine.artifacts import pack_hash
from engine.store.backup.authored import compare


def test_the_pack_hash_does_not_depend_on_the_order_of_the_pins():
    pins = [("catalog", "a" * 64), ("pricing", "b" * 64)]
    assert pack_hash("telco", {"capture": ["x"]}, pins) == pack_hash("telco", {"capture": ["x"]}, pins[::-1])


def test_compare_names_what_is_missing_on_either_side_and_each_differing_field():
    assert compare("group", {"a": {"name": "A"}, "b": {"name": "B"}}, {"b": {"name": "C"}, "c": {"name": "C"}}) == [
        "group a: the audit chain records it, the backup does not hold it",
        "group b: name is 'C' in the backup, the audit chain says 'B'",
        "group c: in the backup, but no audit entry records it"]
