"""Product relationships at capture (pure): what an order adds, together with what the customer holds, must
meet every ``requires`` and ``excludes`` of the catalog and its per-order and per-customer ``cardinality``.

``holdings`` are the customer's products that count (not terminated, not being disconnected elsewhere); the
products the order disconnects (and the products bundled in them) no longer count. An add item that names
what it relies on (TMF622 ``productOrderItemRelationship`` to an item of the order, or
``product.productRelationship`` to a product, ``relationshipType`` reliesOn) meets its requirement only
through what it names. Every violation is reported, each with the JSON pointer of the item.

``in_flight`` are the add items of the customer's other open orders (not final, product not created yet):
they count towards the per-customer ``cardinality`` and are seen by ``excludes``, as if held already, so
that two open orders cannot together pass a per-customer maximum. They do not meet a ``requires``: a
required offering counts once held (active or on its way) or when added by the same order, because an
open order may still fail or be cancelled.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.kinds.catalog import CompiledCatalog, Offering
from engine.lifecycle.capture import Rejection
from engine.lifecycle.changes import ADD, DELETE, change_kind, product_id

RELIES_ON = "relieson"


@dataclass(frozen=True)
class Holding:
    """A product the customer holds, as far as relationships care."""

    product_id: str
    offering_id: str
    quantity: int = 1
    parent_id: str | None = None


@dataclass(frozen=True)
class InFlight:
    """An add item of another open order of the customer: its product is on its way."""

    order_id: str
    item_id: str
    offering_id: str
    quantity: int = 1


@dataclass(frozen=True)
class _Added:
    position: int
    item: dict
    offering: Offering
    quantity: int

    @property
    def item_id(self) -> str:
        return str(self.item.get("id"))

    @property
    def at(self) -> str:
        return f"/productOrderItem/{self.position}"

    def provides(self, catalog: CompiledCatalog) -> set[str]:
        """The offering and the offerings bundled in it (their products come with it)."""
        return {self.offering.id, *_bundled(catalog, self.offering)}


def relationship_problems(order: dict, catalog: CompiledCatalog, holdings: Sequence[Holding], party: str | None = None,
                          in_flight: Sequence[InFlight] = ()) -> list[Rejection]:
    """Every requires / excludes / cardinality violation of ``order`` for a customer holding ``holdings`` and
    with the ``in_flight`` items of other open orders on their way."""
    items = [item for item in order.get("productOrderItem") or [] if isinstance(item, dict)]
    kept = _kept(items, holdings)
    added = _added(items, catalog)
    who = f"customer {party}" if party else "the customer"
    found = []
    for entry in added:
        found += _requires(entry, added, kept, catalog, who)
        found += _excludes(entry, added, kept, catalog, who) + _excludes_in_flight(entry, in_flight, catalog)
    found += _per_order(added) + _per_customer(added, kept, in_flight, who)
    found += _disconnects(items, holdings, kept, added, catalog)
    return found


def _kept(items: list[dict], holdings: Sequence[Holding]) -> list[Holding]:
    gone = {product_id(item) for item in items if change_kind(item) == DELETE and product_id(item)}
    while True:
        more = {h.product_id for h in holdings if h.parent_id in gone} - gone
        if not more:
            return [h for h in holdings if h.product_id not in gone]
        gone |= more


def _added(items: list[dict], catalog) -> list[_Added]:
    found = []
    for position, item in enumerate(items):
        offering = catalog.offering((item.get("productOffering") or {}).get("id") or "")
        quantity = item.get("quantity", 1)
        if change_kind(item) == ADD and offering is not None:
            found.append(_Added(position, item, offering, quantity if _count(quantity) else 1))
    return found


def _requires(entry: _Added, added: list[_Added], kept: list[Holding], catalog, who: str) -> list[Rejection]:
    items, products = _relied_on(entry.item)
    found = []
    for requirement in entry.offering.requires:
        wanted = set(requirement.offering_ids)
        if items or products:
            met = any(a.item_id in items and a.provides(catalog) & wanted for a in added) or any(
                h.product_id in products and h.offering_id in wanted for h in kept)
            why = f"what it relies on ({_names(items, products)}) is none of them"
        else:
            met = any(a is not entry and a.provides(catalog) & wanted for a in added) or any(
                h.offering_id in wanted for h in kept)
            why = f"the order adds none and {who} holds none"
        if not met:
            found.append(_rejection(entry, "required_offering_missing", f"{entry.offering.id!r} requires "
                                    f"{requirement.describe()}: {why}", "/productOffering/id"))
    return found


def _excludes(entry: _Added, added: list[_Added], kept: list[Holding], catalog, who: str) -> list[Rejection]:
    found = []
    for requirement in entry.offering.excludes:
        wanted = set(requirement.offering_ids)
        for other in added:
            if other.position < entry.position and other.provides(catalog) & wanted:
                found.append(_rejection(entry, "excluded_offering", f"{entry.offering.id!r} excludes "
                                        f"{requirement.describe()}, which item {other.item_id} adds",
                                        "/productOffering/id"))
        for holding in kept:
            if holding.offering_id in wanted:
                found.append(_rejection(entry, "excluded_offering", f"{entry.offering.id!r} excludes "
                                        f"{requirement.describe()}, and {who} holds product {holding.product_id} "
                                        f"({holding.offering_id}): disconnect it in the same order",
                                        "/productOffering/id"))
    return found


def _excludes_in_flight(entry: _Added, in_flight: Sequence[InFlight], catalog) -> list[Rejection]:
    found = []
    for requirement in entry.offering.excludes:
        wanted = set(requirement.offering_ids)
        for other in in_flight:
            offering = catalog.offering(other.offering_id)
            provides = {other.offering_id, *(_bundled(catalog, offering) if offering is not None else ())}
            if provides & wanted:
                found.append(_rejection(entry, "excluded_offering", f"{entry.offering.id!r} excludes "
                                        f"{requirement.describe()}, which item {other.item_id} of open order "
                                        f"{other.order_id} adds", "/productOffering/id"))
    return found


def _per_order(added: list[_Added]) -> list[Rejection]:
    found = []
    for entries in _by_offering(added).values():
        bounds, total = entries[0].offering.per_order, sum(e.quantity for e in entries)
        if bounds is not None and not bounds.contains(total):
            ids = ", ".join(e.item_id for e in entries)
            found.append(_rejection(entries[0], "cardinality_per_order", f"the order adds {total} "
                                    f"{entries[0].offering.id!r} (item {ids}); one order may add "
                                    f"{bounds.describe()}", "/quantity"))
    return found


def _per_customer(added: list[_Added], kept: list[Holding], in_flight: Sequence[InFlight], who: str
                  ) -> list[Rejection]:
    found = []
    for offering_id, entries in _by_offering(added).items():
        bounds = entries[0].offering.per_customer
        held = sum(h.quantity for h in kept if h.offering_id == offering_id)
        coming = [f for f in in_flight if f.offering_id == offering_id]
        here = sum(e.quantity for e in entries)
        total = held + sum(f.quantity for f in coming) + here
        if bounds is not None and not bounds.contains(total):
            found.append(_rejection(entries[0], "cardinality_per_customer", f"{who} would hold {total} "
                                    f"{offering_id!r} ({held} held, {_coming(coming)}{here} in this order); a "
                                    f"customer may hold {bounds.describe()}", "/quantity"))
    return found


def _coming(in_flight: list[InFlight]) -> str:
    if not in_flight:
        return ""
    orders = ", ".join(sorted({f.order_id for f in in_flight}))
    return f"{sum(f.quantity for f in in_flight)} in open order(s) {orders}, "


def _disconnects(items: list[dict], holdings: Sequence[Holding], kept: list[Holding], added: list[_Added],
                 catalog) -> list[Rejection]:
    """A disconnect must not take away the last product another kept product requires."""
    found, held = [], {h.product_id: h for h in holdings}
    for position, item in enumerate(items):
        removed = held.get(product_id(item) or "") if change_kind(item) == DELETE else None
        if removed is None:
            continue
        for holding in kept:
            offering = catalog.offering(holding.offering_id)
            for requirement in offering.requires if offering is not None else ():
                wanted = set(requirement.offering_ids)
                if removed.offering_id in wanted and not (any(h.offering_id in wanted for h in kept) or any(
                        a.provides(catalog) & wanted for a in added)):
                    found.append(Rejection(str(item.get("id")), "required_by_kept_product", (
                        f"item {item.get('id')}: disconnecting product {removed.product_id} ({removed.offering_id}) "
                        f"leaves product {holding.product_id} ({holding.offering_id}) without the "
                        f"{requirement.describe()} it requires: disconnect it too "
                        f"(/productOrderItem/{position}/product/id)"), f"/productOrderItem/{position}/product/id"))
    return found


def _relied_on(item: dict) -> tuple[set[str], set[str]]:
    """Ids of the order items and of the products this item says it relies on."""
    items = {str(r.get("id")) for r in item.get("productOrderItemRelationship") or []
             if isinstance(r, dict) and str(r.get("relationshipType", "")).lower() == RELIES_ON and r.get("id")}
    products = set()
    for relation in (item.get("product") or {}).get("productRelationship") or []:
        if isinstance(relation, dict) and str(relation.get("relationshipType", "")).lower() == RELIES_ON:
            target = relation.get("product") if isinstance(relation.get("product"), dict) else relation
            if target.get("id"):
                products.add(str(target["id"]))
    return items, products


def _names(items: set[str], products: set[str]) -> str:
    return ", ".join([f"item {i}" for i in sorted(items)] + [f"product {p}" for p in sorted(products)])


def _by_offering(added: list[_Added]) -> dict[str, list[_Added]]:
    found: dict[str, list[_Added]] = {}
    for entry in added:
        found.setdefault(entry.offering.id, []).append(entry)
    return found


def _bundled(catalog, offering) -> set[str]:
    found, todo = set(), list(offering.bundled_offering_ids)
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            inner = catalog.offering(current)
            todo += list(inner.bundled_offering_ids) if inner is not None else []
    return found


def _count(quantity: object) -> bool:
    return isinstance(quantity, int) and not isinstance(quantity, bool) and quantity >= 1


def _rejection(entry: _Added, code: str, text: str, member: str) -> Rejection:
    where = entry.at + member
    return Rejection(entry.item_id, code, f"item {entry.item_id}: {text} ({where})", where)
