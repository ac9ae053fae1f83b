"""Jeopardy and fallout bodies onto ``engine.rules.events`` (durable-rules): compile, report, test.

The events part of a body is ``rules`` and ``firstMatchOnly``; the kinds add their own members
(``levels``, ``falloutTypes``) beside it. Ruleset errors become issues under ``/body``.
"""
from __future__ import annotations

from engine.rules.events import ActionDecision, CompiledRuleset, RulesetInvalid, compile_ruleset

from .issues import Issues
from .kind import ArtifactMeta, KindTestError

EVENT_MEMBERS = ("rules", "firstMatchOnly")
PLACEHOLDER_KEY = "artifact"


def compile_event_rules(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledRuleset | None:
    """Register the body's rules as ``key@version`` (``key@draft`` without a version); None if invalid."""
    events_body = {member: body[member] for member in EVENT_MEMBERS if member in body}
    try:
        return _compile(meta.key, meta.version, events_body)
    except RulesetInvalid as invalid:
        issues.extend_at("/body", invalid.errors)
        return None


def _compile(key: str, version: int | None, body: dict) -> CompiledRuleset:
    try:
        return compile_ruleset(key, version, body)
    except ValueError:  # a bad key or version is already an envelope issue
        return compile_ruleset(PLACEHOLDER_KEY, None, body)


def event_of(given: object) -> dict:
    """The event an artifact test gives as its input."""
    if not isinstance(given, dict):
        raise KindTestError("an event rules test input is the event object")
    return dict(given)


def outcome(decisions: list[ActionDecision]) -> dict:
    """A test's actual outcome: action names and the decisions (action, params, rule)."""
    return {"actions": [d.action for d in decisions],
            "decisions": [{"action": d.action, "params": d.params, "rule": d.rule_name} for d in decisions]}
