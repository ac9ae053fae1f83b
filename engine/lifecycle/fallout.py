"""Fallout decisions: what happens to a failed task, decided by the pack's fallout rules.

The rules see an event ``{type, error: {code, message}, task: {…, attempt}, domainOrder, order}`` (plus
``errorType``, ``errorMessage``, ``attempt``) and decide
actions from the registry. ``decide`` turns them into one plan: retry after a back-off (bounded by
``maxAttempts``), or a fallout record (type, priority, assignment group) that a fallout agent works,
plus fail-item / hold / notify. When no rule matches, or a retry is not allowed any more, a fallout
record is opened all the same: a failed task is never left without someone owning it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

DEFAULT_FALLOUT = {"type": "provisioning", "priority": 3, "assignmentGroup": "fallout"}
TRANSIENT_MARKERS = ("timeout", "timed out", "unreachable", "transient", "connection", "503", "502", "429")


@dataclass(frozen=True)
class FalloutPlan:
    retry_after: timedelta | None = None
    fallout: dict | None = None
    fail_item: bool = False
    hold: bool = False
    notify: tuple[dict, ...] = ()
    rules: tuple[str, ...] = field(default_factory=tuple)


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
    """One plan from the rules' decisions (in rule order); retries stop at ``maxAttempts``."""
    retry_after, fallout, fail_item, hold, notify, rules = None, None, False, False, [], []
    for decision in decisions:
        params = decision.params
        if decision.action == "retry" and fallout is None and attempt < int(params.get("maxAttempts", 3)):
            retry_after = retry_after or timedelta(seconds=int(params["backoffSeconds"]) * 2 ** (attempt - 1))
        elif decision.action == "createFallout" and fallout is None:
            fallout = {"type": params["type"], "priority": int(params["priority"]),
                       "assignmentGroup": params["assignmentGroup"], "description": params.get("description")}
        elif decision.action == "failItem":
            fail_item = True
        elif decision.action == "hold":
            hold = True
        elif decision.action == "notify":
            notify.append(dict(params))
        else:
            continue
        rules.append(decision.rule_name)
    if retry_after is None and fallout is None:
        fallout = dict(DEFAULT_FALLOUT, description="no fallout rule decided a retry or a record")
    if fallout is not None:
        retry_after = None
    return FalloutPlan(retry_after, fallout, fail_item, hold, tuple(notify), tuple(rules))
