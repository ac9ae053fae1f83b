"""The ``jeopardy_rules`` kind: SLA-based jeopardy levels and the actions durable-rules decides.

Body (``schema.json``): an ``engine.rules.events`` body plus ``levels``::

    {"levels": [{"level": "low", "atPercent": 50}, {"level": "medium", "atPercent": 75},
                {"level": "high", "atPercent": 100}, {"level": "critical", "atPercent": 150}],
     "rules": [{"name": "raise", "when": {"m": {"$ex": {"level": 1}}},
                "then": [{"action": "raiseJeopardy", "params": {"level": {"$m": "level"}}}]},
               {"name": "page", "when": {"m": {"$or": [{"level": "high"}, {"level": "critical"}]}},
                "then": [{"action": "notify", "params": {"to": "fulfillmentManager"}}]}]}

Levels must rise with their percentage (low < medium < high < critical, percentages
increasing). ``level_for(percent_of_sla)`` gives the level a task is in. The jeopardy scan
(``engine.runtime.jeopardy.scan``) evaluates the rules once per rising change of a task's level
(``scope: task``) or of an order's predicted completion past its committed date (``scope:
order``). Actions (fixed registry ``engine.rules.events.ACTIONS``): ``alert`` (the TMF622
JeopardyAlert event; without any rules every rise is alerted), ``escalate`` (recorded on the
alert, shown on the board, and a notification to whom it escalates), ``reassign`` (moves a person's
task to another group), ``notify`` (a notification), ``raiseJeopardy`` (the alert at the named level
when that is above the measured one) and ``hold`` (the task on hold until an agent releases it, or
``durationSeconds``); see ``engine.runtime.jeopardy.actions``. Every matching rule decides unless
``firstMatchOnly``.

Test: input is the jeopardy event; when it has ``percentOfSla`` and no ``level`` the level is
computed first. Actual ``{"level", "actions": [names], "decisions": [{"action", "params", "rule"}]}``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from engine.rules.events import ActionDecision, CompiledRuleset

from ..base.event_rules import compile_event_rules, event_of, outcome
from ..base.issues import Issues
from ..base.kind import ArtifactMeta, Kind
from ..base.values import parse_money

JEOPARDY_ACTIONS = ("raiseJeopardy", "alert", "notify", "escalate", "reassign", "hold")
LEVEL_ORDER = ("low", "medium", "high", "critical")

__all__ = ["JEOPARDY_ACTIONS", "KIND", "CompiledJeopardyRules", "compile_jeopardy_rules"]


@dataclass(frozen=True)
class CompiledJeopardyRules:
    """Level thresholds (ascending) and the durable-rules ruleset (``key@version``)."""

    key: str
    version: int | None
    levels: tuple[tuple[Decimal, str], ...]
    rules: CompiledRuleset | None

    def level_for(self, percent_of_sla: object) -> str | None:
        """The highest level whose threshold ``percent_of_sla`` reaches, or None."""
        percent = parse_money(percent_of_sla)
        reached = [level for threshold, level in self.levels if percent >= threshold]
        return reached[-1] if reached else None

    def evaluate(self, event: dict) -> list[ActionDecision]:
        """The actions the rules decide for a jeopardy event."""
        return self.rules.evaluate(event)


def compile_jeopardy_rules(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledJeopardyRules:
    """Check that levels rise with their thresholds; compile the rules."""
    levels = [(parse_money(entry["atPercent"]), entry["level"]) for entry in body["levels"]]
    for i in range(1, len(levels)):
        previous, current = levels[i - 1], levels[i]
        if LEVEL_ORDER.index(current[1]) <= LEVEL_ORDER.index(previous[1]) or current[0] <= previous[0]:
            issues.add(f"/body/levels/{i}", "levels_out_of_order",
                       "levels must go low, medium, high, critical with rising percentages")
    rules = compile_event_rules(body, meta, issues)
    return CompiledJeopardyRules(meta.key, meta.version, tuple(levels), rules)


def run_jeopardy_test(rules: CompiledJeopardyRules, given: object, resolve=None) -> dict:
    """The level (computed from percentOfSla when not given) and the actions decided."""
    event = event_of(given)
    if "level" not in event and "percentOfSla" in event:
        event["level"] = rules.level_for(event["percentOfSla"])
    decisions = rules.evaluate(event) if event.get("level") else []
    return {"level": event.get("level"), **outcome(decisions)}


KIND = Kind("jeopardy_rules", Path(__file__).with_name("schema.json"), compile_jeopardy_rules, run_jeopardy_test,
            type_codes=((r"/body/rules/\d+/then/\d+/action", "unknown_action"),))
