"""Enrichment flow checks (expressions, targets, dependency DAG) and compilation."""
from __future__ import annotations

from types import MappingProxyType

from ..base.expressions import compile_expression, compile_optional
from ..base.graph import Node, check_unique, topological_order
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from .model import CompiledEnrichmentFlow
from .steps import ConditionStep, LookupStep, RequireInformationStep, SetStep, Step, ValidateStep


def compile_enrichment_flow(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledEnrichmentFlow:
    """Compile every step; steps come out in dependency order (ties keep the authored order)."""
    raws = body["steps"]
    nodes = [Node(raw["id"], f"/body/steps/{i}/id",
                  tuple((d, f"/body/steps/{i}/dependsOn/{j}") for j, d in enumerate(raw.get("dependsOn", []))))
             for i, raw in enumerate(raws)]
    check_unique(nodes, issues)
    order = topological_order(nodes, issues)
    compiled = {}
    for i, raw in enumerate(raws):
        compiled.setdefault(raw["id"], _step(raw, f"/body/steps/{i}", issues))
    steps = tuple(compiled[step_id] for step_id in order)
    return CompiledEnrichmentFlow(meta.key, meta.version, steps)


def _step(raw: dict, at: str, issues: Issues) -> Step:
    common = {"id": raw["id"], "for_each": raw.get("forEach", "order"),
              "condition": compile_optional(raw, "condition", at, issues),
              "depends_on": tuple(raw.get("dependsOn", []))}
    _check_targets(raw, at, common["for_each"], issues)
    builder = _BUILDERS[raw["type"]]
    return builder(raw, at, issues, common)


def _check_targets(raw: dict, at: str, for_each: str, issues: Issues) -> None:
    targets = [(f"{at}/outputs/{name}", path) for name, path in raw.get("outputs", {}).items()]
    targets += [(f"{at}/assignments/{i}/target", a["target"]) for i, a in enumerate(raw.get("assignments", []))]
    targets += [(f"{at}/fields/{i}/path", f["path"]) for i, f in enumerate(raw.get("fields", []))]
    for where, path in targets:
        if path.startswith("item.") and for_each != "item":
            issues.add(where, "invalid_target", f"{path!r} names an item field, but the step runs once per order "
                                                '(set "forEach": "item")')


def _condition(raw, at, issues, common) -> ConditionStep:
    return ConditionStep(**common, rule=compile_expression(raw["rule"], f"{at}/rule", issues))


def _lookup(raw, at, issues, common) -> LookupStep:
    return LookupStep(**common, table=raw["table"], outputs=MappingProxyType(dict(raw["outputs"])))


def _set(raw, at, issues, common) -> SetStep:
    assignments = tuple((a["target"], compile_expression(a["value"], f"{at}/assignments/{i}/value", issues))
                        for i, a in enumerate(raw["assignments"]))
    return SetStep(**common, assignments=assignments)


def _validate(raw, at, issues, common) -> ValidateStep:
    return ValidateStep(**common, rule=compile_expression(raw["rule"], f"{at}/rule", issues),
                        message=raw["message"], code=raw.get("code", raw["id"]), severity=raw.get("severity", "error"))


def _require(raw, at, issues, common) -> RequireInformationStep:
    fields = tuple((f["path"], f.get("label", f["path"])) for f in raw["fields"])
    return RequireInformationStep(**common, fields=fields)


_BUILDERS = {"condition": _condition, "lookup": _lookup, "set": _set, "validate": _validate,
             "requireInformation": _require}
