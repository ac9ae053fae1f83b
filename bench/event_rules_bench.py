"""Event rules throughput and memory: a realistic fallout ruleset (10 rules) on durable-rules.

Run: .venv/bin/python bench/event_rules_bench.py [events]
Prints events per second and resident memory (VmRSS) after 10,000 and after all events
(100,000 by default); memory must stay flat because no event is kept by the rules engine.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.rules.events import compile_ruleset  # noqa: E402

FALLOUT_RULES = {"rules": [
    {"name": "retry timeouts", "priority": 1,
     "when": {"m": {"$and": [{"errorType": "timeout"}, {"$lt": {"attempt": 3}}]}},
     "then": [{"action": "retry", "params": {"backoffSeconds": 30, "maxAttempts": 3}}]},
    {"name": "retry busy peers", "priority": 1,
     "when": {"m": {"$and": [{"$or": [{"httpStatus": 503}, {"httpStatus": 429}]}, {"$lt": {"attempt": 5}}]}},
     "then": [{"action": "retry", "params": {"backoffSeconds": 120}}]},
    {"name": "timeouts exhausted", "priority": 2,
     "when": {"m": {"$and": [{"errorType": "timeout"}, {"$gte": {"attempt": 3}}]}},
     "then": [{"action": "createFallout",
               "params": {"type": "network timeout", "priority": 2, "assignmentGroup": "noc"}}]},
    {"name": "inventory fallout", "priority": 2,
     "when": {"m": {"errorType": "inventory"}},
     "then": [{"action": "createFallout",
               "params": {"type": "inventory allocation", "priority": 2, "assignmentGroup": "inventory-team"}},
              {"action": "hold", "params": {"reason": "awaiting stock"}}]},
    {"name": "bad data", "priority": 2,
     "when": {"m": {"$mt": {"message": ".*(invalid|missing) characteristic.*"}}},
     "then": [{"action": "createFallout",
               "params": {"type": "data", "priority": 3, "assignmentGroup": "order-desk"}}]},
    {"name": "vip escalation", "priority": 3,
     "when": {"m": {"$and": [{"customer.segment": "vip"}, {"$ex": {"errorType": 1}}]}},
     "then": [{"action": "escalate", "params": {"to": "fallout-manager", "reason": "VIP order"}},
              {"action": "notify", "params": {"to": "account-manager", "template": "vip-fallout"}}]},
    {"name": "high value jeopardy", "priority": 3,
     "when": {"m": {"$gte": {"orderValue": 10000}}},
     "then": [{"action": "raiseJeopardy", "params": {"level": "high", "reason": "high value order"}}]},
    {"name": "design tasks to engineering", "priority": 4,
     "when": {"m": {"$and": [{"task.type": "design"}, {"$neq": {"assignmentGroup": "engineering"}}]}},
     "then": [{"action": "reassign", "params": {"assignmentGroup": "engineering"}}]},
    {"name": "cancelled items fail", "priority": 5,
     "when": {"m": {"itemState": "cancelled"}},
     "then": [{"action": "failItem", "params": {"reason": "item cancelled while in fallout"}}]},
    {"name": "billing callback lost",
     "when": {"m": {"$and": [{"task.type": "billing"}, {"errorType": "callback-lost"}]}},
     "then": [{"action": "forceComplete", "params": {"reason": "billing confirmed out of band"}}]},
]}

ERROR_TYPES = ("timeout", "inventory", "validation", "http", "callback-lost")
TASK_TYPES = ("provision", "design", "billing", "activate")


def event(n: int) -> dict:
    """A deterministic, varied failed-task event."""
    return {
        "taskId": f"task-{n}",
        "errorType": ERROR_TYPES[n % 5],
        "attempt": n % 6,
        "httpStatus": (503, 429, 500, 400)[n % 4],
        "message": "invalid characteristic bandwidth" if n % 7 == 0 else "upstream error",
        "customer": {"segment": "vip" if n % 11 == 0 else "smb", "id": f"c-{n % 97}"},
        "orderValue": Decimal(n % 20000) + Decimal("0.50"),
        "task": {"type": TASK_TYPES[n % 4]},
        "assignmentGroup": "noc",
        "itemState": "cancelled" if n % 13 == 0 else "inProgress",
    }


def rss_kib() -> int:
    """Resident memory of this process in KiB, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("VmRSS not found")


def run(total: int) -> None:
    ruleset = compile_ruleset("bench.fallout", 1, FALLOUT_RULES)
    events = [event(n) for n in range(1000)]
    actions = Counter()
    checkpoints = {}
    started = time.perf_counter()
    for n in range(total):
        for decision in ruleset.evaluate(events[n % len(events)]):
            actions[decision.action] += 1
        if n + 1 in (10_000, total):
            checkpoints[n + 1] = (time.perf_counter() - started, rss_kib())
    elapsed = time.perf_counter() - started
    print(f"ruleset: {len(FALLOUT_RULES['rules'])} rules, {total:,} events, 1 thread")
    print(f"throughput: {total / elapsed:,.0f} events/s ({elapsed * 1e6 / total:.1f} us/event)")
    for count, (at, rss) in sorted(checkpoints.items()):
        print(f"VmRSS after {count:>7,} events: {rss:,} KiB  ({at:.1f} s)")
    print("decisions:", dict(sorted(actions.items())))


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
