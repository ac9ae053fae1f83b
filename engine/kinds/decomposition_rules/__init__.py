"""The ``decomposition_rules`` kind: conditions, mappings, quantity and grouping of domain order lines.

The catalog's relationships (bundles, realizedAs, requires) say which specifications an item
reaches (``CompiledCatalog.realization``); these rules say, per reached specification, whether
it produces a line, with which characteristics and quantity, on which fulfilment system, and
after which other lines. Body (``schema.json``)::

    {"fulfilmentSystems": [{"id": "oss-fibre", "domain": "service"}, {"id": "inv-ports", "domain": "resource"}],
     "rules": [
       {"id": "port", "specification": "rfs-olt-port", "productSpecification": "spec-fibre-access",
        "domain": "resource", "fulfilmentSystem": "inv-ports"},
       {"id": "access", "specification": "cfs-internet", "domain": "service", "fulfilmentSystem": "oss-fibre",
        "include": {JsonLogic}, "exclude": {JsonLogic},
        "characteristics": {"bandwidth": {"var": "item.characteristics.bandwidth"}},
        "requiredCharacteristics": ["bandwidth"], "quantity": {"var": "item.quantity"},
        "dependsOn": ["port"]}]}

Expressions see ``{"order", "item"}``. ``actions`` (default ``["add"]``) says which order item actions a
rule is for: ``add`` or a post-fulfilment change (``modify``, ``suspend``, ``resume``, ``delete``; see
``engine.states.actions``), so a disconnect can release resources while a new order reserves them.
``dependsOn`` names rules (acyclic); between lines of
different (domain, system) groups it becomes a dependency between domain orders. A line whose
required characteristic is null makes its domain order ``awaitingInformation`` (staggered).
``validate_references`` checks ``specification`` / ``productSpecification`` against the bound catalog.

Test: input ``{"item": {...}, "order": {...}?, "productSpecification": id?, "specifications": [ids]?}``
(the product specification defaults to ``item.productSpecification.id``); actual
``{"lines": [{"rule", "specification", "quantity", "characteristics", "awaiting"}], "specifications": [ids],
"dropped": {ruleId: reason}, "problems": [messages], "domainOrders": [{"domain", "fulfilmentSystem",
"specifications", "state", "dependsOn": ["domain:system"]}]}``. Tests run the runtime's evaluator
(``engine.lifecycle.decomposition.rule_tests``): the item is one unit, without a catalog, reaching the
``specifications`` given (else every one a rule produces) with the item's quantity.
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import CatalogReference, Kind, KindTestError
from ..base.values import read_path
from .compiler import compile_decomposition_rules
from .model import CompiledDecompositionRules, DecompositionRule

__all__ = ["KIND", "CompiledDecompositionRules", "DecompositionRule", "compile_decomposition_rules"]


def run_decomposition_test(rules: CompiledDecompositionRules, given: object, resolve=None) -> dict:
    """Decompose the input item with the runtime's evaluator and describe lines and domain orders."""
    if not isinstance(given, dict) or not isinstance(given.get("item"), dict):
        raise KindTestError('a decomposition test input is {"item": {...}, "order": {...}?, "specifications": [...]?}')
    # imported here: the runtime (engine.lifecycle.decomposition) imports this package
    from engine.lifecycle.decomposition.rule_tests import decompose_test_item

    item = given["item"]
    spec = given.get("productSpecification") or read_path(item, "productSpecification.id")
    return decompose_test_item(rules, given.get("order") or {}, item, spec, given.get("specifications"))


def decomposition_references(body: dict) -> list[CatalogReference]:
    """The specifications the rules name."""
    found = []
    for i, rule in enumerate(body.get("rules", [])):
        for member in ("specification", "productSpecification"):
            if member in rule:
                found.append(CatalogReference(f"/body/rules/{i}/{member}", rule[member], "specification"))
    return found


KIND = Kind("decomposition_rules", Path(__file__).with_name("schema.json"), compile_decomposition_rules,
            run_decomposition_test, catalog_references=decomposition_references)
