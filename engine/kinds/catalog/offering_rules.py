"""Compiling what capture checks between offerings: ``requires`` and ``excludes`` (between product
specifications, or between offerings in ``productOfferingRelationship``) and ``cardinality`` per order and
per customer, once when the catalog compiles.

A specification-level relationship applies to every offering of the source specification and is met by a
product of any offering of the target specification. ``excludes`` is symmetric: declaring it on one side is
enough, the other side is added here.
"""
from __future__ import annotations

from dataclasses import replace

from ..base.issues import Issues
from .model import Bounds, Offering, Requirement, Specification

KINDS = ("requires", "excludes")


def with_rules(offerings: dict[str, Offering], body: dict, specifications: dict[str, Specification],
               issues: Issues) -> dict[str, Offering]:
    """The offerings with their requirements, exclusions and cardinality; bad references reported."""
    by_spec: dict[str, list[str]] = {}
    for offering in offerings.values():
        by_spec.setdefault(offering.specification_id, []).append(offering.id)
    _check_sold(body.get("productSpecifications", []), by_spec, issues)
    raws, rules = body.get("productOfferings", []), {}
    for i, raw in enumerate(raws):
        if raw["id"] in rules:
            continue
        at = f"/body/productOfferings/{i}"
        spec = specifications.get(raw["productSpecification"]["id"])
        rules[raw["id"]] = {kind: _from_specification(spec, kind, by_spec) + _from_offering(raw, at, kind, offerings,
                                                                                              issues)
                            for kind in KINDS}
        _check_contradictions(raw, at, rules[raw["id"]], issues)
    _make_symmetric(rules)
    return {oid: replace(offering, requires=tuple(rules[oid]["requires"]), excludes=tuple(rules[oid]["excludes"]),
                        **_cardinality(raws, oid, issues)) for oid, offering in offerings.items()}


def _from_specification(spec: Specification | None, kind: str, by_spec: dict[str, list[str]]) -> list[Requirement]:
    if spec is None:
        return []
    return [Requirement(r.target, tuple(by_spec.get(r.target, ()))) for r in spec.related(kind)]


def _from_offering(raw: dict, at: str, kind: str, offerings: dict[str, Offering], issues: Issues
                   ) -> list[Requirement]:
    found = []
    for j, relation in enumerate(raw.get("productOfferingRelationship", [])):
        if relation["relationshipType"] != kind:
            continue
        where = f"{at}/productOfferingRelationship/{j}/id"
        if relation["id"] not in offerings:
            issues.add(where, "unknown_offering", f"offering {raw['id']!r} {kind} {relation['id']!r}, which is not "
                                                  "in the catalog")
        elif relation["id"] == raw["id"]:
            issues.add(where, "self_relationship", f"offering {raw['id']!r} cannot {kind[:-1]} itself")
        else:
            found.append(Requirement(relation["id"], (relation["id"],)))
    return found


def _check_contradictions(raw: dict, at: str, rules: dict[str, list[Requirement]], issues: Issues) -> None:
    required = {oid for r in rules["requires"] for oid in r.offering_ids}
    for r in rules["excludes"]:
        both = sorted(required.intersection(r.offering_ids))
        if both:
            issues.add(f"{at}/productOfferingRelationship", "contradictory_relationship",
                       f"offering {raw['id']!r} both requires and excludes {', '.join(map(repr, both))}")


def _check_sold(product_specs: list[dict], by_spec: dict[str, list[str]], issues: Issues) -> None:
    """A product specification sold by an offering must not require one that no offering sells."""
    product_ids = {raw["id"] for raw in product_specs}
    for i, raw in enumerate(product_specs):
        if raw["id"] not in by_spec:
            continue
        for j, relation in enumerate(raw.get("productSpecificationRelationship", [])):
            if relation["relationshipType"] == "requires" and relation["id"] in product_ids \
                    and relation["id"] not in by_spec:
                issues.add(f"/body/productSpecifications/{i}/productSpecificationRelationship/{j}/id",
                           "requirement_not_sold", f"{raw['id']!r} requires {relation['id']!r}, which no offering "
                           "sells: its offerings could never be ordered")


def _make_symmetric(rules: dict[str, dict[str, list[Requirement]]]) -> None:
    for source, own in list(rules.items()):
        for requirement in list(own["excludes"]):
            for other in requirement.offering_ids:
                excluded = rules.get(other, {}).get("excludes")
                if excluded is not None and not any(source in r.offering_ids for r in excluded):
                    excluded.append(Requirement(source, (source,)))


def _cardinality(raws: list[dict], offering_id: str, issues: Issues) -> dict[str, Bounds | None]:
    i, raw = next((i, raw) for i, raw in enumerate(raws) if raw["id"] == offering_id)
    cardinality = raw.get("cardinality", {})
    found = {}
    for member, field in (("perOrder", "per_order"), ("perCustomer", "per_customer")):
        bounds = cardinality.get(member)
        if bounds is not None and bounds.get("min", 0) > bounds.get("max", bounds.get("min", 0)):
            issues.add(f"/body/productOfferings/{i}/cardinality/{member}/max", "invalid_range", "max is below min")
        found[field] = Bounds(bounds.get("min"), bounds.get("max")) if bounds else None
    return found
