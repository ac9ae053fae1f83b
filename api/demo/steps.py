"""What the people do to an order in the demo, one function per ``do`` of the demo script.

Each step first waits until the order offers what it acts on (a task in a group's queue, a pending approval,
missing information, a waiting timer, a fallout record), then acts through the API as the demo user of that
role, and says what it did. Steps are generic: ``work`` completes every matching open task of the order,
``approve`` approves every pending approval of the order, whatever the example.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from api.demo.client import CANCEL, ORDERS
from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES

if TYPE_CHECKING:
    from api.demo.play import OrderPlay

OPEN_TASK = ("waiting", "running")
PEOPLE_TASKS = tuple(sorted(HUMAN_TYPES))
CANCEL_FINAL = ("done", "terminatedWithError")


class StepFailed(Exception):
    """A step could not be done, or did not end as the script expects."""


def _matching(order: dict, step: dict, types=("manual", "workOrder")) -> list[dict]:
    """Open tasks of the order that match the step's ``group``, ``key`` and ``type``."""
    wanted_types = [step["type"]] if isinstance(step.get("type"), str) else step.get("type") or types
    return [t for t in order["tasks"] if t["state"] in OPEN_TASK and t["type"] in wanted_types
            and step.get("group", t["assignmentGroup"]) == t["assignmentGroup"]
            and step.get("key", t["key"]) == t["key"]]


def _where(task: dict) -> str:
    return f"{task['key']} ({task['assignmentGroup']})" if task["assignmentGroup"] else task["key"]


def work(play: OrderPlay, step: dict) -> None:
    """Claim and complete every open manual task / work order that matches, as a member of its group."""
    tasks = play.wait_until(f"a task to work{' in ' + step['group'] if 'group' in step else ''}",
                            lambda order: _matching(order, step))
    for task in tasks:
        user = step.get("as") or task.get("role") or play.people["work"]
        _claim(play, user, task)
        play.api.call(user, "POST", f"/api/v1/tasks/{task['id']}/complete", {"output": step.get("output") or {}})
        play.say(f"{user} completed {_where(task)}")


def claim(play: OrderPlay, step: dict) -> None:
    """Claim every open task that matches, without completing it (a technician takes the work order)."""
    tasks = play.wait_until(f"a task to claim{' in ' + step['group'] if 'group' in step else ''}",
                            lambda order: _matching(order, step))
    for task in tasks:
        user = step.get("as") or task.get("role") or play.people["work"]
        _claim(play, user, task)
        play.say(f"{user} claimed {_where(task)}")


def _claim(play: OrderPlay, user: str, task: dict) -> None:
    if task.get("assignee") != user:
        play.api.call(user, "POST", f"/api/v1/tasks/{task['id']}/claim")


def approve(play: OrderPlay, step: dict) -> None:
    """Approve every pending approval of the order: order-level ones and approval tasks of its plans."""
    def pending(order: dict):
        approvals = [a for a in order["approvals"] if a["state"] == "pending"]
        tasks = _matching(order, step, ("approval",))
        return (approvals, tasks) if approvals or tasks else None

    approvals, tasks = play.wait_until("an approval", pending)
    decided = set()
    for approval in approvals:
        user = step.get("as") or approval["role"]
        play.api.call(user, "POST", f"/api/v1/approvals/{approval['id']}/approve", {"comment": step.get("comment")})
        decided |= {approval["id"], approval.get("taskId")}
        play.say(f"{user} approved: {approval.get('reason') or approval['role']}")
    still_open = {t["id"] for t in _matching(play.detail(), step, ("approval",))}
    for task in tasks:
        if task["id"] in still_open and task["id"] not in decided:
            _approve_task(play, step, task)


def _approve_task(play: OrderPlay, step: dict, task: dict) -> None:
    """An approval task of a plan: decided in the approvals inbox when it is listed there, else completed."""
    user = step.get("as") or task.get("role") or play.people["work"]
    inbox = play.api.call(user, "GET", "/api/v1/approvals", ok=(200, 403))
    listed = [a for a in (inbox if isinstance(inbox, list) else []) if task["id"] in (a.get("id"), a.get("taskId"))]
    if listed:
        play.api.call(user, "POST", f"/api/v1/approvals/{listed[0]['id']}/approve", {"comment": step.get("comment")})
    else:
        _claim(play, user, task)
        play.api.call(user, "POST", f"/api/v1/tasks/{task['id']}/complete",
                      {"output": {"approved": True, "comment": step.get("comment")}})
    play.say(f"{user} approved {_where(task)}")


def supply(play: OrderPlay, step: dict) -> None:
    """Merge-PATCH the information the order waits for, once it says what is missing."""
    def missing(order: dict):
        found = list(order.get("missingInformation") or []) + [
            m for d in order["domainOrders"] for m in d.get("missing") or []]
        return found or None

    wanted = play.wait_until("missing information", missing)
    user = step.get("as") or play.people["supply"]
    play.api.change(user, "PATCH", f"{ORDERS}/{play.order_id}", step["patch"])
    names = sorted({str(m.get("characteristic") or m.get("name") or m) for m in wanted if isinstance(m, dict)})
    play.say(f"{user} supplied {', '.join(names) or 'the missing information'} (merge-PATCH)")


def _blocked_on_a_person(order: dict):
    """The order is in progress and waits for a person (so nothing else moves while a change is made)."""
    return order["state"] == "inProgress" and any(
        t["state"] == "waiting" and t["type"] in PEOPLE_TASKS for t in order["tasks"])


def revise(play: OrderPlay, step: dict) -> None:
    """Preview a revision's impact, then merge-PATCH the order in flight."""
    play.wait_until("the order in progress, waiting for a person", _blocked_on_a_person)
    user = step.get("as") or play.people["revise"]
    preview = play.api.call(user, "POST", f"/api/v1/orders/{play.order_id}/revision-preview", step["patch"])
    play.say(f"{user} previewed the revision: undo {len(preview.get('undo') or [])} task(s), "
             f"redo {len(preview.get('redo') or [])}, refused {len(preview.get('refused') or [])}, "
             f"price delta {_delta(preview.get('priceDelta'))}")
    play.api.change(user, "PATCH", f"{ORDERS}/{play.order_id}", step["patch"])
    play.say(f"{user} revised the order in flight (merge-PATCH): now revision {play.detail()['revision']}")


def _delta(delta) -> str:
    """``{"oneTime": "0.00", "recurring:month": "97.15"}`` as ``oneTime 0.00, recurring:month 97.15``."""
    if not isinstance(delta, dict) or not delta:
        return "none"
    return ", ".join(f"{price_type} {amount}" for price_type, amount in delta.items())


def cancel(play: OrderPlay, step: dict) -> None:
    """Ask for the order's cancellation (TMF622 cancelProductOrder) and wait for the answer."""
    play.wait_until("the order in progress, waiting for a person", _blocked_on_a_person)
    user = step.get("as") or play.people["cancel"]
    request = play.api.call(user, "POST", CANCEL, {"productOrder": {"id": play.order_id},
                                                   "cancellationReason": step.get("reason") or "demo"})
    answer = play.poll(f"the cancellation request {request['id']}",
                       lambda: _final_request(play.api.call(user, "GET", f"{CANCEL}/{request['id']}")))
    why = "; ".join(e.get("message", "") for e in answer.get("errorMessage") or [])
    play.say(f"{user} asked to cancel ({step.get('reason')}): {answer['state']}" + (f": {why}" if why else ""))
    if step.get("expect") and answer["state"] != step["expect"]:
        raise StepFailed(f"the cancellation ended {answer['state']}, the script expects {step['expect']}")


def _final_request(request: dict):
    return request if request.get("state") in CANCEL_FINAL else None


def end_wait(play: OrderPlay, step: dict) -> None:
    """End a waiting timer early, with the step's reason, as a manager would."""
    tasks = play.wait_until(f"the timer {step.get('key', '')}".rstrip(), lambda order: [
        t for t in order["tasks"] if t["type"] == "waitUntil" and t["state"] == "waiting"
        and step.get("key", t["key"]) == t["key"]])
    user = step.get("as") or play.people["endWait"]
    for task in tasks:
        play.api.call(user, "POST", f"/api/v1/tasks/{task['id']}/end-wait", {"reason": step["reason"]})
        play.say(f"{user} ended the wait {task['key']} (due {task['dueAt']}) early: {step['reason']}")


def resolve_fallout(play: OrderPlay, step: dict) -> None:
    """Wait for a fallout record of the order and resolve it as the step says (default: retry; ``fix``
    corrects the data first). ``onFallout`` leaves the records alone meanwhile: this step resolves them."""
    records = play.wait_until("a fallout record", lambda order: play.open_fallout(), on_fallout=False)
    for record in records:
        play.resolve(record, step)


FALLOUT_ACTIONS = {"retry": "retry", "forceComplete": "force-complete", "failItem": "fail-item",
                   "cancelOrder": "cancel-order", "fix": "fix"}

STEPS = {"work": work, "claim": claim, "approve": approve, "supply": supply, "revise": revise, "cancel": cancel,
         "endWait": end_wait, "resolveFallout": resolve_fallout}
