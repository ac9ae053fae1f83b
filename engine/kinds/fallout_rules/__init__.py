"""The ``fallout_rules`` kind: what happens when a task fails.

Body (``schema.json``)::

    {"falloutTypes": ["provisioningFailure", "inventoryAllocationFailure"], "match": "first",
     "rules": [
       {"id": "transient", "priority": 10,
        "when": {"and": [{"==": [{"var": "error.code"}, "timeout"]}, {"<": [{"var": "task.attempt"}, 3]}]},
        "then": [{"action": "retry", "params": {"backoff": "PT5M", "multiplier": 2}}]},
       {"id": "other", "then": [{"action": "createFallout",
                                  "params": {"type": "provisioningFailure", "priority": 2,
                                             "assignmentGroup": {"var": "task.assignmentGroup"}}}]}]}

Actions (fixed registry, ``FALLOUT_ACTIONS``): retry, createFallout, notify, hold, failItem,
resume. Parameters are literals or JsonLogic over the event. ``createFallout`` ``type`` must be
one of ``falloutTypes`` when that list is given. Rules run by ``priority`` (lower first, default
100); ``match`` first (default) or all.

Test: input is the failure event; actual ``{"actions": [names], "decisions": [{"action",
"params", "rule"}]}``.
"""
from __future__ import annotations

from pathlib import Path

from ..base.event_rules import ActionDecision, CompiledEventRules, compile_event_rules
from ..base.issues import Issues
from ..base.kind import ArtifactMeta, Kind, KindTestError

FALLOUT_ACTIONS = {"retry": ("maxAttempts", "backoff", "multiplier", "maxBackoff"),
                   "createFallout": ("type", "priority", "assignmentGroup", "reason"),
                   "notify": ("role", "assignmentGroup", "message"),
                   "hold": ("reason",), "failItem": ("reason",), "resume": ()}

__all__ = ["FALLOUT_ACTIONS", "KIND", "ActionDecision", "CompiledEventRules", "compile_fallout_rules"]


def compile_fallout_rules(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledEventRules:
    """Compile the rules; a literal fallout type must be one of ``falloutTypes`` when listed."""
    compiled = compile_event_rules(body, meta.key, meta.version, FALLOUT_ACTIONS, issues)
    if "falloutTypes" in body:
        _check_types(body, set(body["falloutTypes"]), issues)
    return compiled


def _check_types(body: dict, types: set, issues: Issues) -> None:
    for i, rule in enumerate(body["rules"]):
        for j, action in enumerate(rule["then"]):
            value = action.get("params", {}).get("type")
            if action["action"] == "createFallout" and isinstance(value, str) and value not in types:
                issues.add(f"/body/rules/{i}/then/{j}/params/type", "unknown_fallout_type",
                           f"{value!r} is not one of falloutTypes")


def run_event_rules_test(rules: CompiledEventRules, given: object, resolve=None) -> dict:
    """The actions the rules choose for the input event."""
    if not isinstance(given, dict):
        raise KindTestError("an event rules test input is the event object")
    decisions = rules.evaluate(given)
    return {"actions": [d.name for d in decisions],
            "decisions": [{"action": d.name, "params": d.params, "rule": d.rule} for d in decisions]}


KIND = Kind("fallout_rules", Path(__file__).with_name("schema.json"), compile_fallout_rules, run_event_rules_test,
            type_codes=((r"/body/rules/\d+/then/\d+/action", "unknown_action"),))
