"""A compiled decision table and its evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .cells import InputCell, OutputCell
from .columns import InputColumn, OutputColumn
from .hit_policy import PRIORITISED, SINGLE_HIT, aggregate, select_hits
from .row_index import RowIndex, iter_bits
from .values import normalize, value_key


@dataclass(frozen=True)
class TableResult:
    """The outcome of one evaluation.

    ``value`` is the DMN result; ``matched_rule_ids`` the matching rules in rule order
    (FIRST stops at the first); ``selected_rule_ids`` the rules that make the result, in
    result order; ``trace`` plain data for the order trace.
    """

    value: object
    matched_rule_ids: list[str]
    selected_rule_ids: list[str]
    trace: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CompiledRule:
    """A compiled row: ``checks`` are its non-``-`` cells, ``residual`` those the index cannot decide."""

    id: str
    row: int
    annotation: str | None
    checks: tuple[InputCell, ...]
    residual: tuple[InputCell, ...]
    outputs: tuple[OutputCell, ...]


class CompiledTable:
    """A decision table compiled once and evaluated many times."""

    def __init__(self, hit_policy: str, aggregation: str | None, inputs: Sequence[InputColumn],
                 outputs: Sequence[OutputColumn], rules: Sequence[CompiledRule], index: RowIndex | None):
        self.hit_policy = hit_policy
        self.aggregation = aggregation
        self.inputs = tuple(inputs)
        self.outputs = tuple(outputs)
        self.rules = tuple(rules)
        self.index = index
        self._prioritised = tuple(col for col in self.outputs if col.allowed is not None)
        self._priority_positions = tuple(
            (position, col) for position, col in enumerate(self.outputs) if col.allowed is not None
        )
        self._defaults = tuple(col.default for col in self.outputs) if any(
            col.has_default for col in self.outputs) else None

    @property
    def indexed(self) -> bool:
        """True when evaluation uses the row index."""
        return self.index is not None

    def evaluate(self, context: dict) -> TableResult:
        """Evaluate the table against ``context`` (plain dict) and apply the hit policy."""
        raws = [column.read(context) for column in self.inputs]
        norms = [normalize(raw, column.type) for raw, column in zip(raws, self.inputs, strict=True)]
        keys = [value_key(value) for value in norms]
        matched = self._matching_rules(raws, norms, keys, context)
        if not matched:
            return self._no_match(raws)
        hits = select_hits(self.hit_policy, matched, lambda rule: self._outputs_of(rule, context),
                           self._priority)
        return TableResult(self._result_value(hits), [rule.id for rule in matched],
                           [rule.id for rule, _ in hits], self._trace(raws, matched, hits, False))

    def _matching_rules(self, raws: list, norms: list, keys: list, context: dict) -> list[CompiledRule]:
        stop_at_first = self.hit_policy == "FIRST"
        if self.index is None:
            candidates = ((rule, rule.checks) for rule in self.rules)
        else:
            rules = self.rules
            candidates = ((rules[row], rules[row].residual) for row in iter_bits(self.index.candidates(keys)))
        matched = []
        for rule, checks in candidates:
            if _all_hold(checks, raws, norms, keys, context):
                matched.append(rule)
                if stop_at_first:
                    break
        return matched

    def _outputs_of(self, rule: CompiledRule, context: dict) -> tuple:
        return tuple(cell.constant if cell.compute is None else cell.compute(context) for cell in rule.outputs)

    def _priority(self, outputs: tuple) -> tuple:
        return tuple(col.rank(outputs[position]) for position, col in self._priority_positions)

    def _shape(self, outputs: tuple) -> object:
        if len(self.outputs) == 1:
            return outputs[0]
        return {col.name: value for col, value in zip(self.outputs, outputs, strict=True)}

    def _result_value(self, hits: list) -> object:
        if self.hit_policy in SINGLE_HIT:
            return self._shape(hits[0][1])
        if self.aggregation:
            return aggregate(self.aggregation, [outputs[0] for _, outputs in hits])
        return [self._shape(outputs) for _, outputs in hits]

    def _no_match(self, raws: list) -> TableResult:
        trace = self._trace(raws, [], [], self._defaults is not None)
        if self.aggregation == "COUNT":
            return TableResult(0, [], [], trace)
        if self._defaults is None:
            return TableResult(None, [], [], trace)
        if self.hit_policy in SINGLE_HIT:
            value = self._shape(self._defaults)
        elif self.aggregation:
            value = self._defaults[0]
        else:
            value = [self._shape(self._defaults)]
        return TableResult(value, [], [], trace)

    def _trace(self, raws: list, matched: list, hits: list, default_used: bool) -> dict:
        trace = {
            "hitPolicy": self.hit_policy,
            "inputs": {col.name: raw for col, raw in zip(self.inputs, raws, strict=True)},
            "matched": [self._rule_trace(rule) for rule in matched],
            "selected": [rule.id for rule, _ in hits],
            "defaultUsed": default_used,
        }
        if self.aggregation:
            trace["aggregation"] = self.aggregation
        if self.hit_policy in PRIORITISED:
            trace["priorityOutputs"] = [col.name for col in self._prioritised]
        return trace

    def _rule_trace(self, rule: CompiledRule) -> dict:
        entry = {
            "ruleId": rule.id,
            "row": rule.row,
            "cells": [{"input": self.inputs[cell.column].name, "test": cell.text} for cell in rule.checks],
        }
        if rule.annotation:
            entry["annotation"] = rule.annotation
        return entry


def _all_hold(checks: tuple, raws: list, norms: list, keys: list, context: dict) -> bool:
    for cell in checks:
        column = cell.column
        if cell.uses_context:
            if not cell.matches(raws[column], context):
                return False
        elif not cell.matches(norms[column], keys[column]):
            return False
    return True
