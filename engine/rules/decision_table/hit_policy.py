"""Hit policies: turn the matching rules into the DMN result."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .errors import DecisionTableError

HIT_POLICIES = ("UNIQUE", "FIRST", "PRIORITY", "ANY", "COLLECT", "RULE ORDER", "OUTPUT ORDER")
SINGLE_HIT = frozenset({"UNIQUE", "FIRST", "PRIORITY", "ANY"})
AGGREGATIONS = ("SUM", "MIN", "MAX", "COUNT")
PRIORITISED = frozenset({"PRIORITY", "OUTPUT ORDER"})

Outputs = tuple
OutputsOf = Callable[[object], Outputs]


def select_hits(policy: str, matched: Sequence, outputs_of: OutputsOf,
                priority_of: Callable[[Outputs], tuple]) -> list[tuple[object, Outputs]]:
    """The (rule, outputs) hits that make the result, in result order."""
    if policy == "UNIQUE" and len(matched) > 1:
        ids = ", ".join(rule.id for rule in matched)
        raise DecisionTableError.single("/rules", "unique_violation",
                                        f"hit policy UNIQUE but several rules match: {ids}")
    if policy in ("UNIQUE", "FIRST"):
        return [(matched[0], outputs_of(matched[0]))]
    hits = [(rule, outputs_of(rule)) for rule in matched]
    if policy == "ANY":
        return [_agreeing_hit(hits)]
    if policy == "PRIORITY":
        return [min(hits, key=lambda hit: priority_of(hit[1]))]
    if policy == "OUTPUT ORDER":
        return sorted(hits, key=lambda hit: priority_of(hit[1]))
    return hits


def _agreeing_hit(hits: list) -> tuple:
    first_outputs = hits[0][1]
    disagreeing = [rule.id for rule, outputs in hits if outputs != first_outputs]
    if disagreeing:
        ids = ", ".join(rule.id for rule, _ in hits)
        raise DecisionTableError.single("/rules", "any_violation",
                                        f"hit policy ANY but matching rules {ids} give different outputs")
    return hits[0]


def aggregate(aggregation: str, values: list) -> object:
    """Apply a COLLECT aggregation to the single output's values (nulls are skipped)."""
    if aggregation == "COUNT":
        return len(values)
    present = [value for value in values if value is not None]
    if not present:
        return None
    try:
        if aggregation == "SUM":
            return sum(present[1:], start=present[0])
        return min(present) if aggregation == "MIN" else max(present)
    except TypeError as exc:
        raise DecisionTableError.single("/aggregation", "aggregation_error",
                                        f"cannot {aggregation} the values {present!r}: {exc}") from exc
