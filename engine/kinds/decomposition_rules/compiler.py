"""Decomposition rule checks (expressions, systems, rule dependencies) and compilation."""
from __future__ import annotations

from types import MappingProxyType

from ..base.expressions import compile_expression, compile_optional
from ..base.graph import Node, check_unique, topological_order
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from .model import CompiledDecompositionRules, DecompositionRule


def compile_decomposition_rules(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledDecompositionRules:
    """Compile every rule; rules come out in dependency order."""
    systems = _systems(body.get("fulfilmentSystems"), issues)
    raws = body["rules"]
    nodes = [Node(raw["id"], f"/body/rules/{i}/id",
                  tuple((d, f"/body/rules/{i}/dependsOn/{j}") for j, d in enumerate(raw.get("dependsOn", []))))
             for i, raw in enumerate(raws)]
    check_unique(nodes, issues)
    order = topological_order(nodes, issues)
    compiled = {}
    for i, raw in enumerate(raws):
        at = f"/body/rules/{i}"
        _check_system(raw, at, systems, issues)
        compiled.setdefault(raw["id"], _rule(raw, at, issues))
    return CompiledDecompositionRules(meta.key, meta.version, tuple(compiled[rule_id] for rule_id in order),
                                      MappingProxyType(systems or {}))


def _systems(raws: list[dict] | None, issues: Issues) -> dict[str, str] | None:
    if raws is None:
        return None
    check_unique([Node(raw["id"], f"/body/fulfilmentSystems/{i}/id", ()) for i, raw in enumerate(raws)], issues)
    return {raw["id"]: raw["domain"] for raw in raws}


def _check_system(raw: dict, at: str, systems: dict | None, issues: Issues) -> None:
    if systems is None:
        return
    system = raw["fulfilmentSystem"]
    if system not in systems:
        issues.add(f"{at}/fulfilmentSystem", "unknown_fulfilment_system", f"{system!r} is not in fulfilmentSystems")
    elif systems[system] != raw["domain"]:
        issues.add(f"{at}/domain", "domain_mismatch",
                   f"{system!r} fulfils {systems[system]} orders, not {raw['domain']} orders")


def _rule(raw: dict, at: str, issues: Issues) -> DecompositionRule:
    characteristics = {name: compile_expression(rule, f"{at}/characteristics/{name}", issues)
                       for name, rule in raw.get("characteristics", {}).items()}
    for j, name in enumerate(raw.get("requiredCharacteristics", [])):
        if name not in characteristics:
            issues.add(f"{at}/requiredCharacteristics/{j}", "unmapped_characteristic",
                       f"{name!r} is required but has no mapping in characteristics")
    return DecompositionRule(
        id=raw["id"], specification=raw["specification"], product_specification=raw.get("productSpecification"),
        domain=raw["domain"], fulfilment_system=raw["fulfilmentSystem"],
        include=compile_optional(raw, "include", at, issues), exclude=compile_optional(raw, "exclude", at, issues),
        characteristics=MappingProxyType(characteristics), required=tuple(raw.get("requiredCharacteristics", [])),
        quantity=compile_optional(raw, "quantity", at, issues), depends_on=tuple(raw.get("dependsOn", [])),
        actions=tuple(raw.get("actions", ("add",))))
