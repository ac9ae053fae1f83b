"""The ``catalog`` kind: product offerings and product / service / resource specifications (TMF620 naming).

Body (``schema.json``)::

    {"productOfferings": [{"id": "fibre-500", "name": "Fibre 500M", "isSellable": true,
                           "lifecycleStatus": "Launched", "productSpecification": {"id": "spec-fibre"},
                           "isBundle": false, "bundledProductOffering": [{"id": ...}],
                           "orderQuantity": {"min": 1, "max": 1}, "requiredPartyRoles": ["customer"],
                           "placeRequired": true, "validFor": {"startDateTime": ..., "endDateTime": ...},
                           "productOfferingRelationship": [{"id": "adsl-8m", "relationshipType": "excludes"}],
                           "cardinality": {"perOrder": {"min": 1, "max": 1}, "perCustomer": {"max": 3}}}],
     "productSpecifications": [{"id": "spec-fibre", "name": "Fibre access",
                                "productSpecCharacteristic": [{"name": "bandwidth", "valueType": "integer",
                                    "minCardinality": 1, "characteristicValueSpecification": [{"value": 500}],
                                    "valueFrom": 1, "valueTo": 1000, "regex": "..."}],
                                "productSpecificationRelationship": [{"id": "cfs-internet",
                                    "relationshipType": "realizedAs", "quantity": 1}]}],
     "serviceSpecifications": [{"id": ..., "category": "CFS|RFS", "specCharacteristic": [...],
                                "serviceSpecRelationship": [...]}],
     "resourceSpecifications": [{"id": ..., "resourceSpecCharacteristic": [...], "resourceSpecRelationship": [...]}]}

Specification ids are unique across the three lists. Relationships: ``bundles`` product → product,
``realizedAs`` product → service/resource, service → service/resource, resource → resource,
``requires`` within a level, ``excludes`` between product specifications; the graph (excludes aside) is
acyclic. Between products (specifications or, in ``productOfferingRelationship``, offerings) ``requires`` and
``excludes`` are what capture checks against the order and the customer's inventory, with ``cardinality``
(see ``offering_rules``).

Test: input ``{"offering": id, "characteristics": {name: value}?, "at": iso-date?}``; actual
``{"exists", "sellable", "specification", "bundledOfferings", "realization": [spec ids],
"requires": [spec ids], "requiresOfferings": [[offering ids] per requirement], "excludesOfferings": [...],
"characteristicProblems": [{"name", "code"}]}`` (problems only when
characteristics are given).
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import Kind, KindTestError
from ..base.values import parse_instant
from .characteristics import CharacteristicProblem, CharacteristicSpec
from .compiler import compile_catalog
from .model import Bounds, CompiledCatalog, Offering, Realization, Relationship, Requirement, Specification

__all__ = ["KIND", "Bounds", "CharacteristicProblem", "CharacteristicSpec", "CompiledCatalog", "Offering",
           "Realization", "Relationship", "Requirement", "Specification", "compile_catalog"]


def run_catalog_test(catalog: CompiledCatalog, given: object, resolve=None) -> dict:
    """Describe one offering as the test's ``expect`` sees it."""
    if not isinstance(given, dict) or not isinstance(given.get("offering"), str):
        raise KindTestError('a catalog test input is {"offering": id, "characteristics": {...}}')
    offering = catalog.offering(given["offering"])
    if offering is None:
        return {"exists": False, "sellable": False}
    spec = catalog.specification(offering.specification_id)
    sellable = offering.sellable_at(parse_instant(given["at"])) if "at" in given else offering.sellable
    actual = {"exists": True, "sellable": sellable, "specification": offering.specification_id,
              "bundledOfferings": list(offering.bundled_offering_ids),
              "realization": [r.specification.id for r in catalog.realization(spec.id)],
              "requires": [r.target for r in spec.related("requires")],
              "requiresOfferings": [list(r.offering_ids) for r in offering.requires],
              "excludesOfferings": [list(r.offering_ids) for r in offering.excludes]}
    if "characteristics" in given:
        problems = catalog.check_characteristics(spec.id, given["characteristics"])
        actual["characteristicProblems"] = [{"name": p.name, "code": p.code} for p in problems]
    return actual


KIND = Kind("catalog", Path(__file__).with_name("schema.json"), compile_catalog, run_catalog_test)
