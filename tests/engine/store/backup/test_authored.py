"""The chain's record of authored rows: the pack hash is computed as the studio computes it."""
from engine.store.backup.authored import compare, pack_hash
from studio.packs import _pack_hash


def test_the_pack_hash_is_the_studios():
    pins = [("catalog", "a" * 64), ("pricing", "b" * 64)]
    assert pack_hash("telco", {"capture": ["x"]}, pins) == _pack_hash("telco", {"capture": ["x"]}, pins[::-1])


def test_compare_names_what_is_missing_on_either_side_and_each_differing_field():
    assert compare("group", {"a": {"name": "A"}, "b": {"name": "B"}}, {"b": {"name": "C"}, "c": {"name": "C"}}) == [
        "group a: the audit chain records it, the backup does not hold it",
        "group b: name is 'C' in the backup, the audit chain says 'B'",
        "group c: in the backup, but no audit entry records it"]
