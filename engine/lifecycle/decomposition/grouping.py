"""Lines grouped into domain orders (one per domain, fulfilment system and plan), with the
dependencies between lines and between domain orders."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from engine.kinds.catalog import CompiledCatalog
from engine.kinds.decomposition_rules import CompiledDecompositionRules

from .model import DomainOrderLine, Problem


@dataclass
class Group:
    """A domain order before its plan instance: lines, the refs it waits for and why."""

    ref: str
    domain: str
    fulfilment_system: str
    plan_key: str | None
    bindings: list[str] = field(default_factory=list)
    lines: list[DomainOrderLine] = field(default_factory=list)
    depends_on: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bound_by(self) -> str | None:
        """The bindings that chose the plan, e.g. ``domain:service`` or ``specification:cfs-voip``."""
        return ", ".join(self.bindings) or None


def binding_for(line: DomainOrderLine, plan_binding: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(plan key, binding) for a line: its specification's entry wins over its domain's. A change line
    (modify, suspend, resume, delete) takes only entries for its action: ``<id>@<action>``."""
    suffix = "" if line.action == "add" else f"@{line.action}"
    if line.specification + suffix in plan_binding:
        return plan_binding[line.specification + suffix], f"specification:{line.specification}{suffix}"
    if line.domain + suffix in plan_binding:
        return plan_binding[line.domain + suffix], f"domain:{line.domain}{suffix}"
    return None, None


def line_ref(line: DomainOrderLine, plan_key: str | None, binding: str | None,
             plan_binding: Mapping[str, str]) -> str:
    """``domain:system``, plus ``:planKey`` when a specification binding picks another plan than the domain's,
    plus ``@action`` for a change line."""
    suffix = "" if line.action == "add" else f"@{line.action}"
    ref = f"{line.domain}:{line.fulfilment_system}"
    if binding and binding.startswith("specification:") and plan_key != plan_binding.get(line.domain + suffix):
        ref += f":{plan_key}"
    return ref + suffix


def group_lines(lines: list[DomainOrderLine], plan_binding: Mapping[str, str]) -> dict[str, Group]:
    """Domain orders by ref, in the order their first line appears."""
    groups: dict[str, Group] = {}
    for line in lines:
        plan_key, binding = binding_for(line, plan_binding)
        ref = line_ref(line, plan_key, binding, plan_binding)
        group = groups.get(ref) or groups.setdefault(ref, Group(ref, line.domain, line.fulfilment_system, plan_key))
        if binding and binding not in group.bindings:
            group.bindings.append(binding)
        group.lines.append(line)
    return groups


def link_lines(groups: dict[str, Group], rules: CompiledDecompositionRules, catalog: CompiledCatalog | None,
               related_items: Mapping[str, frozenset[str]]) -> None:
    """Set each line's ``depends_on`` (rule dependsOn within its item, catalog requires as in
    ``required_lines``; none without a catalog) and each group's dependencies on other groups, with the reasons."""
    ref_of = {line.id: ref for ref, group in groups.items() for line in group.lines}
    by_item_rule: dict[tuple[str, str], list[DomainOrderLine]] = {}
    by_path_domain: dict[tuple[str, str], list[DomainOrderLine]] = {}
    for group in groups.values():
        for line in group.lines:
            by_item_rule.setdefault((line.item_id, line.rule), []).append(line)
            for specification in line.path:
                by_path_domain.setdefault((specification, line.domain), []).append(line)
    rule_dependencies = {rule.id: rule.depends_on for rule in rules.rules}
    for ref, group in groups.items():
        linked = []
        for line in group.lines:
            before = [(other, f"rule {line.rule} dependsOn {dependency}")
                      for dependency in rule_dependencies.get(line.rule, ())
                      for other in by_item_rule.get((line.item_id, dependency), ())]
            before += required_lines(line, catalog, by_path_domain, related_items)
            for other, reason in before:
                if ref_of[other.id] != ref:
                    reasons = group.depends_on.setdefault(ref_of[other.id], [])
                    if reason not in reasons:
                        reasons.append(reason)
            linked.append(replace(line, depends_on=tuple(dict.fromkeys(other.id for other, _ in before))))
        group.lines = linked


def required_lines(line: DomainOrderLine, catalog: CompiledCatalog | None,
                   by_path_domain: Mapping[tuple[str, str], list[DomainOrderLine]],
                   related_items: Mapping[str, frozenset[str]]) -> list[tuple[DomainOrderLine, str]]:
    """Lines that must complete first because a specification on ``line``'s path ``requires`` another:
    lines of the same domain realising the required specification, taken from the line's item and the
    items it names in ``productOrderItemRelationship``, else from the whole order."""
    found = []
    near_items = related_items.get(line.item_id, frozenset({line.item_id}))
    for specification in line.path:
        for relation in _requires(catalog, specification):
            candidates = [o for o in by_path_domain.get((relation.target, line.domain), ()) if o.id != line.id]
            near = [o for o in candidates if o.item_id in near_items]
            found += [(other, f"{specification} requires {relation.target}") for other in near or candidates]
    return found


def related_items(order: dict) -> dict[str, frozenset[str]]:
    """Item id -> itself and the items its ``productOrderItemRelationship`` names."""
    return {str(item.get("id")): frozenset({str(item.get("id"))} | {
        str(r.get("id")) for r in item.get("productOrderItemRelationship") or [] if isinstance(r, dict)})
        for item in order.get("productOrderItem") or []}


def _requires(catalog: CompiledCatalog | None, specification: str):
    spec = catalog.specification(specification) if catalog is not None else None
    return spec.related("requires") if spec is not None else ()


def cycle_problems(groups: dict[str, Group]) -> list[Problem]:
    """One problem per set of domain orders that wait for each other (they could never start)."""
    done: set[str] = set()
    remaining = dict(groups)
    progress = True
    while progress:
        ready = [ref for ref, group in remaining.items() if all(d in done for d in group.depends_on)]
        progress = bool(ready)
        for ref in ready:
            done.add(ref)
            del remaining[ref]
    if not remaining:
        return []
    refs = list(remaining)
    return [Problem("dependency_cycle", "these domain orders wait for each other: " + ", ".join(refs),
                    ref=ref) for ref in refs]
