"""Fallout decisions: what happens to a failed task, decided by the pack's fallout rules.

The rules see an event ``{type, error: {code, message}, task: {…, attempt}, domainOrder, order}`` (plus
``errorType``, ``errorMessage``, ``attempt``) and decide actions from the registry. ``decide`` turns them
into one plan, and every action a fallout rule can name (``engine.kinds.fallout_rules.FALLOUT_ACTIONS``)
has its place in it:

- ``retry``: while ``attempt`` < ``maxAttempts`` the task runs again after the back-off, and only the
  rules' ``notify`` go out with it; every other action waits until the retries are used up (so
  ``retry`` + ``resume`` reads "retry up to N times, then resume").
- ``createFallout`` shapes the record (type, priority, group); without one the default record is opened:
  a failed task is never left without someone owning it.
- ``reassign`` gives the record to another group; ``escalate`` names who it is escalated to, raises its
  priority by one (1 is the highest) and tells them (a notification).
- ``notify``: a notification to a group, role or address.
- what becomes of the task, one of (the first decided wins; later ones are kept as ``overruled``):
  ``hold`` (on hold until an agent acts, or ``durationSeconds``), ``failItem`` (the item fails at once),
  ``forceComplete`` (completed without being done, the rule's reason kept) and ``resume`` (completed with
  the failure noted: the order goes on). Without one the task stays failed for an agent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

DEFAULT_FALLOUT = {"type": "provisioning", "priority": 3, "assignmentGroup": "fallout"}
TRANSIENT_MARKERS = ("timeout", "timed out", "unreachable", "transient", "connection", "503", "502", "429")


OUTCOMES = ("hold", "failItem", "forceComplete", "resume")
RECORD_ACTIONS = ("createFallout", "reassign", "escalate", "notify")


@dataclass(frozen=True)
class FalloutPlan:
    """What to do with one failure: a retry (``retry_after``), or a record and what becomes of the task."""

    retry_after: timedelta | None = None
    fallout: dict | None = None
    outcome: str | None = None
    outcome_params: dict = field(default_factory=dict)
    notify: tuple[dict, ...] = ()
    escalations: tuple[dict, ...] = ()
    rules: tuple[str, ...] = field(default_factory=tuple)
    overruled: tuple[dict, ...] = ()

    @property
    def fail_item(self) -> bool:
        return self.outcome == "failItem"

    @property
    def hold(self) -> bool:
        return self.outcome == "hold"


def classify(message: str) -> str:
    """A coarse error type from a handler's message when the handler gave none."""
    text = message.lower()
    if any(marker in text for marker in TRANSIENT_MARKERS):
        return "transient"
    if "inventory" in text or "allocation" in text or "reserve" in text:
        return "inventory"
    return "provisioning"


def error_code(message: str, error_type: str) -> str:
    """The documented ``error.code``: timeout, unavailable, http_5xx, else the error type."""
    text = message.lower()
    status = re.search(r"http\s*(\d{3})", text)
    if status:
        return f"http_{status.group(1)}"
    if "timeout" in text or "timed out" in text:
        return "timeout"
    if "unreachable" in text or "connection" in text:
        return "unavailable"
    return error_type


def fallout_event(task: dict, domain_order: dict, order: dict, error: str, attempt: int,
                  error_type: str | None = None) -> dict:
    """The event the fallout rules match against, in the kind's documented shape (``type``, ``task`` with
    its ``attempt``, ``error: {code, message}``) and the short forms ``errorType``, ``errorMessage``, ``attempt``."""
    kind = error_type or classify(error)
    return {"type": "taskFailed", "errorType": kind, "errorMessage": error, "attempt": attempt,
            "error": {"code": error_code(error, kind), "message": error}, "task": {**task, "attempt": attempt},
            "domainOrder": domain_order, "order": order}


def decide(decisions, attempt: int) -> FalloutPlan:
    """One plan from the rules' decisions (in rule order); retries stop at ``maxAttempts``. An action this
    function does not know raises ValueError: validation keeps every other name out of a fallout ruleset."""
    unknown = sorted({d.action for d in decisions} - {"retry", *RECORD_ACTIONS, *OUTCOMES})
    if unknown:
        raise ValueError(f"fallout rules cannot carry out {', '.join(unknown)}")
    retry = next((d for d in decisions if d.action == "retry" and attempt < int(d.params.get("maxAttempts", 3))),
                 None)
    notify = [d for d in decisions if d.action == "notify"]
    if retry is not None:
        backoff = timedelta(seconds=int(retry.params["backoffSeconds"]) * 2 ** (attempt - 1))
        return FalloutPlan(retry_after=backoff, notify=tuple(_notice(d) for d in notify),
                           rules=tuple(d.rule_name for d in [retry, *notify]))
    return _record_plan([d for d in decisions if d.action != "retry"])


def _record_plan(decisions) -> FalloutPlan:
    first: dict[str, object] = {}
    overruled, escalations = [], []
    for decision in decisions:
        slot = "outcome" if decision.action in OUTCOMES else decision.action
        if decision.action == "escalate":
            escalations.append(_notice(decision))
        elif slot in ("outcome", "createFallout", "reassign") and slot in first:
            overruled.append({"action": decision.action, "rule": decision.rule_name})
        else:
            first.setdefault(slot, decision)
    fallout = _record(first.get("createFallout"), first.get("reassign"), escalations)
    outcome = first.get("outcome")
    return FalloutPlan(None, fallout, outcome.action if outcome else None, dict(outcome.params) if outcome else {},
                       tuple(_notice(d) for d in decisions if d.action == "notify"), tuple(escalations),
                       tuple(d.rule_name for d in decisions), tuple(overruled))


def _notice(decision) -> dict:
    """A notify or escalate decision's params with the rule that decided it."""
    return {**decision.params, "rule": decision.rule_name}


def _record(created, reassigned, escalations: list[dict]) -> dict:
    if created is None:
        fallout = dict(DEFAULT_FALLOUT, description="no fallout rule decided a record")
    else:
        params = created.params
        fallout = {"type": params["type"], "priority": int(params["priority"]),
                   "assignmentGroup": params["assignmentGroup"] or DEFAULT_FALLOUT["assignmentGroup"],
                   "description": params.get("description")}
    if reassigned is not None and reassigned.params.get("assignmentGroup"):
        fallout["reassignedFrom"] = fallout["assignmentGroup"]
        fallout["assignmentGroup"] = reassigned.params["assignmentGroup"]
    if escalations:
        fallout["escalatedTo"] = escalations[0]["to"]
        fallout["priority"] = max(1, fallout["priority"] - len(escalations))
    return fallout
