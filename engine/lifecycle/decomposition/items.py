"""Order items as decomposition sees them: units (the item and its bundle components) and the
specifications each unit reaches through realizedAs, with quantities."""
from __future__ import annotations

from dataclasses import dataclass

from engine.kinds.catalog import CompiledCatalog
from engine.lifecycle.items import item_characteristics


@dataclass(frozen=True)
class Reached:
    """A specification a unit reaches: ``quantity`` instances, walked along ``path`` (unit spec first)."""

    specification: str
    quantity: int
    path: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """An order item or one of its bundle components, as a product specification instance.

    ``chain`` is the product specifications from the order item down to this component; ``view``
    is the ``item`` rule expressions see (quantity and productSpecification of the unit)."""

    item_id: str
    specification: str
    quantity: int
    chain: tuple[str, ...]
    view: dict
    reached: tuple[Reached, ...]


def item_quantity(item: dict) -> int:
    """The item's quantity (1 when absent or not a whole number)."""
    quantity = item.get("quantity", 1)
    return quantity if isinstance(quantity, int) and not isinstance(quantity, bool) else 1


def unit_view(item: dict, characteristics: dict, specification: str, quantity: int,
              chain: tuple[str, ...]) -> dict:
    """The ``item`` rule expressions see for a unit: quantity, productSpecification, characteristics
    and, for a bundle component, ``bundledIn``."""
    view = {**item, "quantity": quantity, "productSpecification": {"id": specification},
            "characteristics": characteristics}
    if len(chain) > 1:
        view["bundledIn"] = list(chain[:-1])
    return view


def units(catalog: CompiledCatalog, item: dict, specification: str) -> list[Unit]:
    """The item as a unit of ``specification`` plus, depth first, its bundle components."""
    found: list[Unit] = []
    _add_unit(catalog, item, item_characteristics(item), specification, item_quantity(item), (specification,),
              found)
    return found


def _add_unit(catalog: CompiledCatalog, item: dict, characteristics: dict, specification: str, quantity: int,
              chain: tuple[str, ...], found: list[Unit]) -> None:
    spec = catalog.specification(specification)
    view = unit_view(item, {**catalog.defaults(specification), **characteristics}, specification, quantity, chain)
    reached = [Reached(specification, quantity, (specification,))]
    _walk_realization(catalog, specification, quantity, (specification,), reached)
    found.append(Unit(str(item.get("id")), specification, quantity, chain, view, tuple(reached)))
    for relation in spec.related("bundles"):
        _add_unit(catalog, item, characteristics, relation.target, quantity * relation.quantity,
                  chain + (relation.target,), found)


def _walk_realization(catalog: CompiledCatalog, specification: str, quantity: int, path: tuple[str, ...],
                      found: list[Reached]) -> None:
    for relation in catalog.specification(specification).related("realizedAs"):
        count = quantity * relation.quantity
        target_path = path + (relation.target,)
        found.append(Reached(relation.target, count, target_path))
        _walk_realization(catalog, relation.target, count, target_path, found)
