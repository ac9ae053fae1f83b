"""Compile an event ruleset body once; evaluate events against it many times."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actions import resolve_params
from .compiled_rule import CompiledRule, compile_rule
from .decisions import ActionDecision
from .errors import RuleError, RulesetInvalid, join_pointer
from .event_values import encode_event
from .host import DurableRegistry, EngineRejected, default_registry
from .schema import structural_errors

KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class CompiledRuleset:
    """A checked event ruleset registered with durable-rules as ``key@version``.

    Every matching rule decides its actions, rules ordered by priority (lower first; rules
    without a priority after those with one) then by position; with ``first_match_only``
    only the first matching rule in that order decides.
    """

    key: str
    version: int | None
    registered_name: str | None
    first_match_only: bool
    rules: tuple[CompiledRule, ...]
    registry: DurableRegistry

    def evaluate(self, event: dict) -> list[ActionDecision]:
        """The actions the rules decide for ``event``; an empty list when no rule matches.

        Pure: the actions are not performed and no state is kept. ``Decimal`` values in the
        event are matched as numbers (see ``event_values``).
        """
        if self.registered_name is None:
            encode_event(event, "")
            return []
        positions = self.registry.match(self.registered_name, event)
        matched = sorted((self.rules[p] for p in positions), key=lambda rule: rule.order)
        if self.first_match_only:
            matched = matched[:1]
        return [ActionDecision(rule.name, action.action, resolve_params(action.params, event))
                for rule in matched for action in rule.actions]


def compile_ruleset(key: str, version: int | None, body: dict, *,
                    registry: DurableRegistry | None = None) -> CompiledRuleset:
    """Validate ``body`` and register it with durable-rules under ``key@version``.

    ``version`` None is a draft, registered as ``key@draft``.
    Raises ``RulesetInvalid`` carrying every error found. Compiling the same body again is
    idempotent: the existing registration is reused, so versions of one key live side by side.
    """
    _check_identity(key, version)
    rules = _compile_rules(key, version, body)
    registry = registry or default_registry()
    name = _register(registry, f"{key}@{'draft' if version is None else version}", rules, key, version)
    return CompiledRuleset(key, version, name, bool(body.get("firstMatchOnly", False)), rules, registry)


def _check_identity(key: str, version: int) -> None:
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"invalid ruleset key {key!r}")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool) or version < 1):
        raise ValueError(f"invalid ruleset version {version!r}")


def _compile_rules(key: str, version: int | None, body: dict) -> tuple[CompiledRule, ...]:
    errors = structural_errors(body)
    rules = body.get("rules") if isinstance(body, dict) else None
    rules = rules if isinstance(rules, list) else []
    errors += _duplicate_names(rules)
    compiled = []
    for position, rule in enumerate(rules):
        rule_compiled, rule_errors = compile_rule(rule, position)
        errors += rule_errors
        compiled.append(rule_compiled)
    if errors:
        raise RulesetInvalid(key, version, errors)
    return tuple(compiled)


def _duplicate_names(rules: list) -> list[RuleError]:
    seen, errors = set(), []
    for position, rule in enumerate(rules):
        name = rule.get("name") if isinstance(rule, dict) else None
        if isinstance(name, str) and name in seen:
            errors.append(RuleError(join_pointer("", "rules", position, "name"), "duplicate_rule_name",
                                    f"another rule is already named {name!r}"))
        seen.add(name)
    return errors


def _register(registry: DurableRegistry, name: str, rules: tuple[CompiledRule, ...],
              key: str, version: int | None) -> str | None:
    if not rules:
        return None
    try:
        return registry.register(name, [rule.condition for rule in rules])
    except EngineRejected as rejected:
        message = f"durable-rules refused this condition ({rejected})"
        pointers = [join_pointer("", "rules", p, "when", "m") for p in rejected.positions] or ["/rules"]
        raise RulesetInvalid(key, version, [RuleError(p, "engine_rejected", message) for p in pointers]) from rejected
