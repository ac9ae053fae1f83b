"""The critical path of a whole order: task durations inside domain orders plus cross-domain waits."""
from __future__ import annotations

from datetime import timedelta

from .model import DomainOrderPlan

Finish = tuple[timedelta, tuple[tuple[str, str], ...]]
START: Finish = (timedelta(0), ())


def order_critical_path(domain_orders: tuple[DomainOrderPlan, ...]) -> Finish:
    """(duration, ((ref, task key), …)): the longest chain from the start to the last task to finish.

    A domain order without tasks (awaiting information, no plan) finishes when what it waits for
    finishes; domain orders caught in a dependency cycle are planned as if they waited for nothing."""
    finished: dict[str, Finish] = {}
    for domain_order in _dependency_order(domain_orders):
        waits = [finished[ref] for ref in domain_order.depends_on if ref in finished]
        finished[domain_order.ref] = _domain_order_finish(domain_order, _latest(waits))
    return _latest(list(finished.values()))


def _domain_order_finish(domain_order: DomainOrderPlan, after_waits: Finish) -> Finish:
    if not domain_order.tasks:
        return after_waits
    finish: dict[str, Finish] = {}
    for task in domain_order.tasks:
        before = [finish[key] for key in task.depends_on if key in finish]
        if task.waits_for:
            before.append(after_waits)
        start = _latest(before)
        finish[task.key] = start if task.skipped else (start[0] + task.expected_duration,
                                                         start[1] + ((domain_order.ref, task.key),))
    return _latest(list(finish.values()))


def _latest(candidates: list[Finish]) -> Finish:
    return max(candidates, default=START, key=lambda finish: finish[0])


def _dependency_order(domain_orders: tuple[DomainOrderPlan, ...]) -> list[DomainOrderPlan]:
    remaining = {d.ref: d for d in domain_orders}
    ordered: list[DomainOrderPlan] = []
    while remaining:
        ready = [d for d in remaining.values() if not any(ref in remaining for ref in d.depends_on)]
        for domain_order in ready or list(remaining.values()):
            ordered.append(domain_order)
            del remaining[domain_order.ref]
    return ordered
