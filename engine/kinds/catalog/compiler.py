"""Catalog semantic checks and compilation into a CompiledCatalog."""
from __future__ import annotations

from types import MappingProxyType

from ..base.graph import Node, check_unique, topological_order
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from ..base.values import instant
from .characteristics import compile_characteristic
from .model import CompiledCatalog, Offering, Relationship, Specification
from .offering_rules import with_rules

LEVELS = (  # body member, level, characteristics member, relationships member
    ("productSpecifications", "product", "productSpecCharacteristic", "productSpecificationRelationship"),
    ("serviceSpecifications", "service", "specCharacteristic", "serviceSpecRelationship"),
    ("resourceSpecifications", "resource", "resourceSpecCharacteristic", "resourceSpecRelationship"),
)
ALLOWED_TARGETS = {  # (relationship type, source level) -> target levels
    ("bundles", "product"): ("product",),
    ("realizedAs", "product"): ("service", "resource"),
    ("realizedAs", "service"): ("service", "resource"),
    ("realizedAs", "resource"): ("resource",),
    ("requires", "product"): ("product",),
    ("requires", "service"): ("service",),
    ("requires", "resource"): ("resource",),
    ("excludes", "product"): ("product",),
}


def compile_catalog(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledCatalog:
    """Check ids, references, relationship levels, cycles and characteristics; build the lookups and each
    offering's requires / excludes / cardinality (what capture checks)."""
    specifications = _specifications(body, issues)
    _check_relationships(body, specifications, issues)
    offerings = with_rules(_offerings(body, specifications, issues), body, specifications, issues)
    return CompiledCatalog(meta.key, meta.version, MappingProxyType(offerings), MappingProxyType(specifications))


def _specifications(body: dict, issues: Issues) -> dict[str, Specification]:
    found, nodes = {}, []
    for member, level, characteristics_member, relationships_member in LEVELS:
        for i, raw in enumerate(body.get(member, [])):
            at = f"/body/{member}/{i}"
            nodes.append(Node(raw["id"], f"{at}/id", ()))
            found.setdefault(raw["id"], _specification(raw, level, at, characteristics_member,
                                                       relationships_member, issues))
    check_unique(nodes, issues)
    return found


def _specification(raw: dict, level: str, at: str, characteristics_member: str, relationships_member: str,
                   issues: Issues) -> Specification:
    characteristics = {}
    for i, entry in enumerate(raw.get(characteristics_member, [])):
        if entry["name"] in characteristics:
            issues.add(f"{at}/{characteristics_member}/{i}/name", "duplicate_name",
                       f"characteristic {entry['name']!r} is defined twice")
        characteristics[entry["name"]] = compile_characteristic(entry, f"{at}/{characteristics_member}/{i}", issues)
    relationships = tuple(Relationship(r["id"], r["relationshipType"], r.get("quantity", 1))
                          for r in raw.get(relationships_member, []))
    category = raw.get("category", "CFS") if level == "service" else None
    return Specification(raw["id"], raw["name"], level, category, MappingProxyType(characteristics), relationships)


def _check_relationships(body: dict, specifications: dict[str, Specification], issues: Issues) -> None:
    nodes = []
    for member, level, _, relationships_member in LEVELS:
        for i, raw in enumerate(body.get(member, [])):
            at = f"/body/{member}/{i}/{relationships_member}"
            edges = []
            for j, relation in enumerate(raw.get(relationships_member, [])):
                target = specifications.get(relation["id"])
                if target is None:
                    issues.add(f"{at}/{j}/id", "unknown_specification",
                               f"{raw['id']!r} relates to {relation['id']!r}, which is not in the catalog")
                    continue
                _check_levels(relation["relationshipType"], level, target, f"{at}/{j}", issues)
                if relation["relationshipType"] != "excludes":  # declared both ways is fine: not an ordering
                    edges.append((relation["id"], f"{at}/{j}/id"))
            nodes.append(Node(raw["id"], f"/body/{member}/{i}", tuple(edges)))
    topological_order(nodes, issues)


def _check_levels(relationship_type: str, level: str, target: Specification, at: str, issues: Issues) -> None:
    allowed = ALLOWED_TARGETS.get((relationship_type, level), ())
    if target.level not in allowed:
        issues.add(f"{at}/relationshipType", "invalid_relationship",
                   f"a {level} specification cannot have {relationship_type} towards {target.level} "
                   f"specification {target.id!r}")


def _offerings(body: dict, specifications: dict[str, Specification], issues: Issues) -> dict[str, Offering]:
    raws = body.get("productOfferings", [])
    check_unique([Node(raw["id"], f"/body/productOfferings/{i}/id", ()) for i, raw in enumerate(raws)], issues)
    ids = {raw["id"] for raw in raws}
    found = {}
    for i, raw in enumerate(raws):
        at = f"/body/productOfferings/{i}"
        _check_offering(raw, at, ids, specifications, issues)
        found.setdefault(raw["id"], _offering(raw, at, issues))
    return found


def _check_offering(raw: dict, at: str, ids: set, specifications: dict, issues: Issues) -> None:
    spec_id = raw["productSpecification"]["id"]
    spec = specifications.get(spec_id)
    if spec is None or spec.level != "product":
        issues.add(f"{at}/productSpecification/id", "unknown_specification",
                   f"offering {raw['id']!r} names {spec_id!r}, which is not a product specification")
    for j, bundled in enumerate(raw.get("bundledProductOffering", [])):
        if bundled["id"] not in ids:
            issues.add(f"{at}/bundledProductOffering/{j}/id", "unknown_offering",
                       f"bundled offering {bundled['id']!r} is not in the catalog")
    if raw.get("bundledProductOffering") and not raw.get("isBundle", False):
        issues.add(f"{at}/isBundle", "not_a_bundle", "an offering with bundledProductOffering must set isBundle")
    quantity = raw.get("orderQuantity", {})
    if quantity.get("min", 0) > quantity.get("max", quantity.get("min", 0)):
        issues.add(f"{at}/orderQuantity/max", "invalid_range", "max is below min")


def _offering(raw: dict, at: str, issues: Issues) -> Offering:
    quantity, valid = raw.get("orderQuantity", {}), raw.get("validFor", {})
    return Offering(
        id=raw["id"], name=raw["name"], is_sellable=raw.get("isSellable", True),
        lifecycle_status=raw.get("lifecycleStatus", "Launched"), specification_id=raw["productSpecification"]["id"],
        is_bundle=raw.get("isBundle", False),
        bundled_offering_ids=tuple(b["id"] for b in raw.get("bundledProductOffering", [])),
        min_quantity=quantity.get("min"), max_quantity=quantity.get("max"),
        required_party_roles=tuple(raw.get("requiredPartyRoles", [])), place_required=raw.get("placeRequired", False),
        valid_from=instant(valid.get("startDateTime"), f"{at}/validFor/startDateTime", issues),
        valid_to=instant(valid.get("endDateTime"), f"{at}/validFor/endDateTime", issues),
        raw=MappingProxyType(raw))
