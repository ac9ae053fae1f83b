"""One checked event rule, ready to register with durable-rules."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .actions import check_action
from .conditions import translate_condition
from .errors import RuleError, join_pointer


@dataclass(frozen=True)
class CompiledAction:
    """A registered action with its validated parameters."""

    action: str
    params: dict


@dataclass(frozen=True)
class CompiledRule:
    """A rule's name, ordering, durable-rules condition and actions."""

    name: str
    position: int
    priority: int | None
    condition: dict
    actions: tuple[CompiledAction, ...]

    @property
    def order(self) -> tuple[float, int]:
        """Sort key: by priority (lower first, rules without one last), then position."""
        return (math.inf if self.priority is None else self.priority, self.position)


def compile_rule(rule: object, position: int) -> tuple[CompiledRule | None, list[RuleError]]:
    """Check one rule that already passed the schema and build it, or return its errors."""
    pointer = join_pointer("", "rules", position)
    if not isinstance(rule, dict):
        return None, []
    condition, errors = _condition(rule.get("when"), pointer)
    actions, action_errors = _actions(rule.get("then"), pointer)
    errors += action_errors
    if errors or condition is None or actions is None:
        return None, errors
    compiled = CompiledRule(rule["name"], position, rule.get("priority"), condition, actions)
    return compiled, []


def _condition(when: object, pointer: str) -> tuple[dict | None, list[RuleError]]:
    if not isinstance(when, dict) or not isinstance(when.get("m"), dict):
        return None, []
    return translate_condition(when["m"], join_pointer(pointer, "when", "m"))


def _actions(then: object, pointer: str) -> tuple[tuple[CompiledAction, ...] | None, list[RuleError]]:
    if not isinstance(then, list):
        return None, []
    actions, errors, shaped = [], [], True
    for index, entry in enumerate(then):
        params = entry.get("params", {}) if isinstance(entry, dict) else None
        if not isinstance(params, dict) or not isinstance(entry.get("action"), str):
            shaped = False
            continue
        errors += check_action(entry["action"], params, join_pointer(pointer, "then", index))
        actions.append(CompiledAction(entry["action"], dict(params)))
    return (tuple(actions) if shaped and not errors else None), errors
