"""The decision-table part of a diff: hit policy, columns by position, rows by id, cells by column."""

from __future__ import annotations

from .identity import moved_identities

SIDES = (("input", "inputs", "inputEntries"), ("output", "outputs", "outputEntries"))


def diff_tables(old: dict, new: dict) -> dict:
    """Hit policy, aggregation, column and row changes between two decision table bodies."""
    return {
        "hitPolicy": _changed(old.get("hitPolicy", "UNIQUE"), new.get("hitPolicy", "UNIQUE")),
        "aggregation": _changed(old.get("aggregation"), new.get("aggregation")),
        "columns": _column_changes(old, new),
        "rows": _row_changes(old, new),
    }


def _changed(old: object, new: object) -> dict | None:
    return None if old == new else {"old": old, "new": new}


def _column_changes(old: dict, new: dict) -> dict:
    found: dict = {"added": [], "removed": [], "renamed": [], "changed": []}
    for side, columns, _ in SIDES:
        before, after = old.get(columns, []), new.get(columns, [])
        pairs = column_pairs(before, after)
        paired_old = {old_position for old_position, _, _ in pairs}
        paired_new = {new_position for _, new_position, _ in pairs}
        found["removed"] += [{"side": side, "position": p, "name": spec.get("name")}
                             for p, spec in enumerate(before) if p not in paired_old]
        found["added"] += [{"side": side, "position": p, "name": spec.get("name")}
                           for p, spec in enumerate(after) if p not in paired_new]
        for old_position, new_position, _ in pairs:
            _compare_column(side, new_position, before[old_position], after[new_position], found)
    return found


def _compare_column(side: str, position: int, old_spec: dict, new_spec: dict, found: dict) -> None:
    entry = {"side": side, "position": position}
    if old_spec.get("name") != new_spec.get("name"):
        found["renamed"].append({**entry, "old": old_spec.get("name"), "new": new_spec.get("name")})
    fields = sorted(name for name in set(old_spec) | set(new_spec)
                    if name != "name" and old_spec.get(name) != new_spec.get(name))
    if fields:
        found["changed"].append({**entry, "name": new_spec.get("name"), "fields": fields})


def rule_ids(body: dict) -> list[str]:
    """Rule ids as the engine sees them (``r<n>`` when a rule has none)."""
    return [rule.get("id", f"r{row + 1}") for row, rule in enumerate(body.get("rules", []))]


def _row_changes(old: dict, new: dict) -> dict:
    old_ids, new_ids = rule_ids(old), rule_ids(new)
    old_rules = dict(zip(old_ids, old.get("rules", []), strict=True))
    new_rules = dict(zip(new_ids, new.get("rules", []), strict=True))
    changed = []
    for rule_id in new_ids:
        if rule_id in old_rules:
            entry = _rule_change(rule_id, old_rules[rule_id], new_rules[rule_id], old, new)
            if entry:
                changed.append(entry)
    common_old = [i for i in old_ids if i in new_rules]
    common_new = [i for i in new_ids if i in old_rules]
    return {
        "added": [i for i in new_ids if i not in old_rules],
        "removed": [i for i in old_ids if i not in new_rules],
        "changed": changed,
        "moved": _moved(common_old, common_new),
    }


def _moved(old_order: list, new_order: list) -> list:
    moved = moved_identities(old_order, new_order)
    return [rule_id for rule_id in new_order if rule_id in moved]


def _rule_change(rule_id: str, old_rule: dict, new_rule: dict, old: dict, new: dict) -> dict | None:
    cells = []
    for side, columns, entries in SIDES:
        pairs = column_pairs(old.get(columns, []), new.get(columns, []))
        old_cells, new_cells = old_rule.get(entries, []), new_rule.get(entries, [])
        for old_position, new_position, name in pairs:
            before = _at(old_cells, old_position)
            after = _at(new_cells, new_position)
            if before != after:
                cells.append({"column": name, "side": side, "old": before, "new": after})
    entry: dict = {"id": rule_id, "cells": cells}
    if old_rule.get("annotation") != new_rule.get("annotation"):
        entry["annotation"] = {"old": old_rule.get("annotation"), "new": new_rule.get("annotation")}
    return entry if cells or "annotation" in entry else None


def _at(cells: list, position: int) -> object:
    return cells[position] if position < len(cells) else None


def column_pairs(before: list, after: list) -> list[tuple[int, int, str]]:
    """(old position, new position, new name) of columns present in both versions.

    A column is matched by name; failing that, by position when the old column at that
    position is gone by name (a rename). Added and removed columns are not paired.
    """
    old_names = [spec.get("name") for spec in before]
    new_names = {spec.get("name") for spec in after}
    pairs = []
    for position, spec in enumerate(after):
        name = spec.get("name")
        if name in old_names:
            pairs.append((old_names.index(name), position, name))
        elif position < len(before) and old_names[position] not in new_names:
            pairs.append((position, position, name))
    return pairs
