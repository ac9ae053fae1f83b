"""Running an enrichment flow over an order: scopes, gates, step effects, trace."""
from __future__ import annotations

from ..base.values import read_path, write_path
from .model import CompiledEnrichmentFlow, EnrichmentResult, Finding, Lookup
from .steps import ConditionStep, LookupStep, RequireInformationStep, SetStep, Step, ValidateStep


def run_flow(flow: CompiledEnrichmentFlow, order: dict, lookup: Lookup) -> EnrichmentResult:
    """Run every step for each of its scopes (the order, or each productOrderItem)."""
    result = EnrichmentResult(order)
    blocked: set[tuple[str, int | None]] = set()
    for step in flow.steps:
        for index, item in _scopes(step, order):
            if any((d, index) in blocked or (d, None) in blocked for d in step.depends_on):
                blocked.add((step.id, index))
                _trace(result, step, item, "blocked")
                continue
            context = {"order": order, "item": item}
            if step.condition is not None and not step.condition(context):
                _trace(result, step, item, "skipped")
                continue
            if isinstance(step, ConditionStep) and not step.rule(context):
                blocked.add((step.id, index))
                _trace(result, step, item, "closed")
                continue
            _EFFECTS.get(type(step), _no_effect)(step, context, item, result, lookup)
            _trace(result, step, item, "done")
    return result


def _scopes(step: Step, order: dict) -> list[tuple[int | None, dict | None]]:
    if step.for_each != "item":
        return [(None, None)]
    return list(enumerate(order.get("productOrderItem") or []))


def _item_id(item: dict | None) -> str | None:
    return None if item is None else str(item.get("id"))


def _trace(result: EnrichmentResult, step: Step, item: dict | None, outcome: str) -> None:
    result.trace.append({"step": step.id, "item": _item_id(item), "outcome": outcome})


def _write(context: dict, path: str, value: object) -> None:
    root, rest = path.split(".", 1)
    write_path(context[root], rest, value)


def _lookup(step: LookupStep, context: dict, item, result: EnrichmentResult, lookup: Lookup) -> None:
    value = lookup(step, context)
    for output, target in step.outputs.items():
        if isinstance(value, dict):
            _write(context, target, value.get(output))
        elif len(step.outputs) == 1:
            _write(context, target, value)


def _set(step: SetStep, context: dict, item, result: EnrichmentResult, lookup: Lookup) -> None:
    for target, value in step.assignments:
        _write(context, target, value(context))


def _validate(step: ValidateStep, context: dict, item, result: EnrichmentResult, lookup: Lookup) -> None:
    if not step.rule(context):
        result.errors.append(Finding(step.id, _item_id(item), step.code, step.message, severity=step.severity))


def _require(step: RequireInformationStep, context: dict, item, result: EnrichmentResult, lookup: Lookup) -> None:
    for path, label in step.fields:
        if read_path(context, path) in (None, "", [], {}):
            result.missing.append(Finding(step.id, _item_id(item), "missing_information",
                                          f"{label} is required", path=path))


def _no_effect(*_args) -> None:
    return None


_EFFECTS = {LookupStep: _lookup, SetStep: _set, ValidateStep: _validate, RequireInformationStep: _require}
