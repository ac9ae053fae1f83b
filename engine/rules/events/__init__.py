"""Event rules (``jeopardy_rules``, ``fallout_rules``) evaluated by durable-rules.

``compile_ruleset(key, version, body)`` checks a body against ``schema.json``, the action
registry and the condition grammar (see ``conditions``) and registers it as ``key@version``;
``CompiledRuleset.evaluate(event)`` returns the ``ActionDecision`` list the rules decide.
"""

from .actions import ACTIONS, ActionSpec, ParamSpec
from .decisions import ActionDecision
from .errors import RuleError, RulesetInvalid
from .event_values import EventValueError
from .ruleset import CompiledRuleset, compile_ruleset
from .schema import body_schema

__all__ = [
    "ACTIONS",
    "ActionDecision",
    "ActionSpec",
    "CompiledRuleset",
    "EventValueError",
    "ParamSpec",
    "RuleError",
    "RulesetInvalid",
    "body_schema",
    "compile_ruleset",
]
