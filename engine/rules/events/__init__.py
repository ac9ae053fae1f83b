"""Event rules (``jeopardy_rules``, ``fallout_rules``) evaluated by durable-rules.

``compile_ruleset(key, version, body)`` checks a body against ``schema.json``, the action
registry (``ACTIONS``: names and parameters, never code) and the condition grammar, then
registers it with durable-rules as ``key@version`` (``key@draft`` when version is None);
versions of one key live side by side and compiling the same body again reuses its
registration. Action names are camelCase (``createFallout``, ``raiseJeopardy`` …); a parameter
is a literal or ``{"$m": "field"}``, the value of that event field (None when absent). Every error is reported at once in
``RulesetInvalid.errors`` (``RuleError``: JSON pointer, code, message).

A rule's ``when`` is one durable-rules single-event condition, ``{"m": condition}``
(grammar in ``conditions``); multi-event ``all`` / ``any`` lists are refused because an
evaluation is stateless: use ``$or`` / ``$and`` inside ``m``.

``CompiledRuleset.evaluate(event)`` returns the ``ActionDecision`` list (rule name, action,
params): every matching rule's actions, rules by ``priority`` (lower first; rules without one
after those with one) then position, or only the first matching rule with
``"firstMatchOnly": true``. No match is an empty list. It decides and performs nothing, keeps
no fact or session behind, may be called from several threads, and matches ``Decimal`` values
as numbers (``event_values``).
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
