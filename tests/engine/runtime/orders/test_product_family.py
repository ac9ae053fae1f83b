"""Bundles read from a loaded family: the products bundled in one (any depth) and the ones it is bundled in."""
from types import SimpleNamespace

from engine.runtime.orders.product_family import ancestors, descendants


def family(**parents) -> dict:
    return {pid: SimpleNamespace(id=pid, parent_id=parent) for pid, parent in parents.items()}


FAMILY = family(fibre=None, ip="fibre", router="fibre", dns="ip", other=None)


def test_descendants_are_found_at_any_depth():
    assert sorted(descendants(FAMILY, "fibre")) == ["dns", "ip", "router"]
    assert descendants(FAMILY, "ip") == ["dns"]
    assert descendants(FAMILY, "other") == []


def test_ancestors_are_nearest_first_and_stop_at_a_cycle():
    assert ancestors(FAMILY, "dns") == ["ip", "fibre"]
    assert ancestors(FAMILY, "fibre") == []
    assert ancestors(family(a="b", b="a"), "a") == ["b", "a"]
