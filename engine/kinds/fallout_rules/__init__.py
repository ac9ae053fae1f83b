"""The ``fallout_rules`` kind: what happens when a task fails, decided by durable-rules.

Body (``schema.json``): an ``engine.rules.events`` body plus ``falloutTypes``::

    {"falloutTypes": ["provisioningFailure", "inventoryAllocationFailure"], "firstMatchOnly": true,
     "rules": [
       {"name": "transient", "priority": 10,
        "when": {"m": {"$and": [{"error.code": "timeout"}, {"$lt": {"task.attempt": 3}}]}},
        "then": [{"action": "retry", "params": {"backoffSeconds": 300}}]},
       {"name": "other", "when": {"m": {"$ex": {"error.code": 1}}},
        "then": [{"action": "createFallout", "params": {"type": "provisioningFailure", "priority": 2,
                                                         "assignmentGroup": {"$m": "task.assignmentGroup"}}}]}]}

Actions (fixed registry ``engine.rules.events.ACTIONS``, parameters checked there), each carried
out by the runtime (``engine.lifecycle.fallout.decide``, ``engine.runtime.fallout.actions``): ``retry`` (after
the back-off while ``attempt`` < ``maxAttempts``; the other actions wait until it is used up),
``createFallout`` (the record), ``reassign`` (the record to another group), ``escalate`` (priority
raised by one, a notification to ``to``), ``notify`` (a notification), and what becomes of the task:
``hold``, ``failItem``, ``forceComplete`` (completed for the rule's reason) or ``resume`` (completed
with the failure noted, the order goes on). One rule names at most one of those four, one ``retry``,
one ``createFallout`` and one ``reassign`` (``conflicting_action``); across rules the first decided
wins. A literal ``createFallout`` ``type`` must be one of ``falloutTypes`` when that list is given. Rules run by
``priority`` (lower first, rules without one last) then position; every matching rule decides
unless ``firstMatchOnly``. Compiles to ``engine.rules.events.CompiledRuleset`` (``key@version``).

Test: input is the failure event; actual ``{"actions": [names], "decisions": [{"action",
"params", "rule"}]}``.
"""
from __future__ import annotations

from pathlib import Path

from engine.rules.events import CompiledRuleset

from ..base.event_rules import compile_event_rules, event_of, outcome
from ..base.issues import Issues
from ..base.kind import ArtifactMeta, Kind

FALLOUT_ACTIONS = ("retry", "createFallout", "notify", "hold", "failItem", "forceComplete", "resume",
                   "escalate", "reassign")

__all__ = ["FALLOUT_ACTIONS", "KIND", "compile_fallout_rules"]


def compile_fallout_rules(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledRuleset | None:
    """Compile the rules; a literal fallout type must be one of ``falloutTypes`` when listed."""
    if "falloutTypes" in body:
        _check_types(body, set(body["falloutTypes"]), issues)
    _check_conflicts(body, issues)
    return compile_event_rules(body, meta, issues)


SINGLE = {"retry": "retry", "createFallout": "createFallout", "reassign": "reassign", "hold": "outcome",
          "failItem": "outcome", "forceComplete": "outcome", "resume": "outcome"}


def _check_conflicts(body: dict, issues: Issues) -> None:
    """A rule that names two outcomes for the task (or two retries, records, reassignments) contradicts itself."""
    for i, rule in enumerate(body["rules"]):
        seen: dict[str, str] = {}
        for j, action in enumerate(rule["then"]):
            slot = SINGLE.get(action.get("action"))
            if slot is None:
                continue
            if slot in seen:
                issues.add(f"/body/rules/{i}/then/{j}/action", "conflicting_action",
                           f"{action['action']!r} contradicts {seen[slot]!r} earlier in this rule: a rule names one "
                           + ("of hold, failItem, forceComplete and resume" if slot == "outcome" else slot))
            else:
                seen[slot] = action["action"]


def _check_types(body: dict, types: set, issues: Issues) -> None:
    for i, rule in enumerate(body["rules"]):
        for j, action in enumerate(rule["then"]):
            value = action.get("params", {}).get("type")
            if action["action"] == "createFallout" and isinstance(value, str) and value not in types:
                issues.add(f"/body/rules/{i}/then/{j}/params/type", "unknown_fallout_type",
                           f"{value!r} is not one of falloutTypes")


def run_fallout_test(rules: CompiledRuleset, given: object, resolve=None) -> dict:
    """The actions the rules decide for the input event."""
    return outcome(rules.evaluate(event_of(given)))


KIND = Kind("fallout_rules", Path(__file__).with_name("schema.json"), compile_fallout_rules, run_fallout_test,
            type_codes=((r"/body/rules/\d+/then/\d+/action", "unknown_action"),))
