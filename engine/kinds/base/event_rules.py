"""Event rules shared by jeopardy and fallout: JsonLogic conditions over an event, actions by name.

Actions come from a fixed registry per kind (name -> allowed parameter names); parameter
values are literals or JsonLogic over the event (objects with one operator key are JsonLogic).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from engine.rules.jsonlogic import CompiledRule

from .expressions import compile_expression
from .graph import Node, check_unique
from .issues import Issues
from .provenance import Provenance


@dataclass(frozen=True)
class ActionDecision:
    """One action a matching rule asks for, parameters computed for the event."""

    name: str
    params: dict
    rule: str
    source: Provenance


@dataclass(frozen=True)
class EventAction:
    """A compiled action: its registry name and parameter expressions."""

    name: str
    params: Mapping[str, CompiledRule]


@dataclass(frozen=True)
class EventRule:
    """``when`` over the event; ``then`` the actions; lower ``priority`` first."""

    id: str
    when: CompiledRule | None
    then: tuple[EventAction, ...]
    priority: int


@dataclass(frozen=True)
class CompiledEventRules:
    """Rules sorted by priority (ties keep authored order); ``match`` is first or all."""

    key: str
    version: int | None
    match: str
    rules: tuple[EventRule, ...]

    def evaluate(self, event: dict) -> list[ActionDecision]:
        """The actions of the first (or every) rule whose ``when`` holds for ``event``."""
        decisions = []
        for rule in self.rules:
            if rule.when is None or rule.when(event):
                decisions += [ActionDecision(action.name, {n: p(event) for n, p in action.params.items()}, rule.id,
                                             Provenance(self.key, self.version, rule.id)) for action in rule.then]
                if self.match == "first":
                    break
        return decisions


def compile_event_rules(body: dict, key: str, version: int | None, actions: Mapping[str, tuple[str, ...]],
                        issues: Issues, match: str = "first") -> CompiledEventRules:
    """Compile ``body["rules"]`` (``match`` is the kind's default); unknown action names and parameters are issues."""
    raws = body["rules"]
    check_unique([Node(raw["id"], f"/body/rules/{i}/id", ()) for i, raw in enumerate(raws)], issues)
    rules = [_rule(raw, f"/body/rules/{i}", actions, issues) for i, raw in enumerate(raws)]
    ordered = tuple(sorted(rules, key=lambda rule: rule.priority))
    return CompiledEventRules(key, version, body.get("match", match), ordered)


def _rule(raw: dict, at: str, actions: Mapping[str, tuple[str, ...]], issues: Issues) -> EventRule:
    when = compile_expression(raw["when"], f"{at}/when", issues) if "when" in raw else None
    then = tuple(_action(action, f"{at}/then/{j}", actions, issues) for j, action in enumerate(raw["then"]))
    return EventRule(raw["id"], when, then, raw.get("priority", 100))


def _action(raw: dict, at: str, actions: Mapping[str, tuple[str, ...]], issues: Issues) -> EventAction:
    name = raw["action"]
    if name not in actions:
        issues.add(f"{at}/action", "unknown_action", f"{name!r} is not an action; use one of {', '.join(actions)}")
    params = {}
    for param, value in raw.get("params", {}).items():
        if name in actions and param not in actions[name]:
            issues.add(f"{at}/params/{param}", "unknown_parameter", f"action {name!r} takes no {param!r}")
        params[param] = compile_expression(value, f"{at}/params/{param}", issues)
    return EventAction(name, MappingProxyType(params))
