"""The ``enrichment_flow`` kind: steps run after capture over ``{"order", "item"}``.

Body (``schema.json``)::

    {"steps": [
      {"id": "business", "type": "condition", "rule": {"==": [{"var": "order.category"}, "business"]}},
      {"id": "segment", "type": "lookup", "dependsOn": ["business"], "table": "enrich.segment",
       "outputs": {"segment": "order.customerSegment"}},
      {"id": "sla", "type": "set", "forEach": "item",
       "assignments": [{"target": "item.slaClass", "value": {"if": [...]}}]},
      {"id": "term", "type": "validate", "rule": {">=": [{"var": "order.term"}, 12]}, "message": "..."},
      {"id": "site", "type": "requireInformation", "forEach": "item", "condition": {...},
       "fields": [{"path": "item.place.id", "label": "Installation address"}]}]}

Every step has ``id``, ``type``, optional ``condition`` (skips only this step), ``dependsOn``
(step ids; acyclic) and ``forEach`` (``order`` or ``item``: once per productOrderItem; only
item steps may target ``item.`` fields). A ``condition`` step whose rule is falsy blocks every
step that depends on it, directly or not. Steps run in dependency order, ties in authored order.

Test: input ``{"order": {...}, "lookups": {stepId: table value}?}`` (lookups stub the decision
tables when no resolver gives them); actual ``{"order", "errors": [finding], "missing": [finding],
"steps": {stepId: outcome}}`` where a finding is ``{"step", "item", "code", "message", "path"}``
and outcomes are done, skipped, blocked or closed (the last item's, for item steps).
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import Kind, KindTestError, Reference
from .compiler import compile_enrichment_flow
from .model import CompiledEnrichmentFlow, EnrichmentResult, Finding
from .steps import ConditionStep, LookupStep, RequireInformationStep, SetStep, Step, ValidateStep

__all__ = ["KIND", "CompiledEnrichmentFlow", "ConditionStep", "EnrichmentResult", "Finding", "LookupStep",
           "RequireInformationStep", "SetStep", "Step", "ValidateStep", "compile_enrichment_flow"]


def run_enrichment_test(flow: CompiledEnrichmentFlow, given: object, resolve=None) -> dict:
    """Run the flow over the input order, looking tables up through ``resolve`` or the input's stubs."""
    if not isinstance(given, dict) or not isinstance(given.get("order"), dict):
        raise KindTestError('an enrichment test input is {"order": {...}, "lookups": {stepId: value}?}')
    stubs = given.get("lookups") or {}

    def lookup(step: LookupStep, context: dict) -> object:
        table = resolve(step.table) if resolve else None
        if table is not None:
            return table.evaluate(context).value
        if step.id not in stubs:
            raise KindTestError(f"step {step.id!r} needs decision table {step.table!r}: "
                                f'give its value in input "lookups"')
        return stubs[step.id]

    result = flow.run(given["order"], lookup)
    return {"order": result.order, "errors": [f.as_dict() for f in result.errors],
            "missing": [f.as_dict() for f in result.missing],
            "steps": {entry["step"]: entry["outcome"] for entry in result.trace}}


def enrichment_references(body: dict) -> list[Reference]:
    """The decision tables the lookup steps name."""
    return [Reference(f"/body/steps/{i}/table", step["table"], ("decision_table",))
            for i, step in enumerate(body.get("steps", [])) if step.get("type") == "lookup" and "table" in step]


KIND = Kind("enrichment_flow", Path(__file__).with_name("schema.json"), compile_enrichment_flow,
            run_enrichment_test, references=enrichment_references,
            type_codes=((r"/body/steps/\d+/type", "unknown_step_type"),))
