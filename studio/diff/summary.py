"""One-line summaries of a diff."""

from __future__ import annotations

from collections import Counter

from .result import Change

TABLE_POINTERS = ("/body/rules", "/body/inputs", "/body/outputs", "/body/hitPolicy", "/body/aggregation")


def summarize(changes: list[Change], table: dict | None) -> str:
    """E.g. "2 rows added, 1 changed; hit policy FIRST → PRIORITY" or "3 changes (2 replaced, 1 added)"."""
    if not changes:
        return "no change"
    if table is None:
        return _generic(changes)
    parts = [part for part in (_rows(table["rows"]), _columns(table["columns"]),
                               _policy(table)) if part]
    others = [c for c in changes if not c.pointer.startswith(TABLE_POINTERS)]
    if others:
        parts.append(_count(len(others), "other change"))
    return "; ".join(parts)


def _generic(changes: list[Change]) -> str:
    words = {"add": "added", "remove": "removed", "replace": "replaced", "move": "moved"}
    counts = Counter(change.op for change in changes)
    detail = ", ".join(f"{counts[op]} {word}" for op, word in words.items() if counts[op])
    return f"{_count(len(changes), 'change')} ({detail})"


def _rows(rows: dict) -> str:
    counts = [(len(rows[name]), name) for name in ("added", "removed", "changed", "moved")]
    counts = [(count, name) for count, name in counts if count]
    if not counts:
        return ""
    first_count, first_name = counts[0]
    words = [f"{_count(first_count, 'row')} {first_name}"] + [f"{count} {name}" for count, name in counts[1:]]
    return ", ".join(words)


def _columns(columns: dict) -> str:
    words = []
    for entry in columns["added"]:
        words.append(f"{entry['side']} {entry['name']} added")
    for entry in columns["removed"]:
        words.append(f"{entry['side']} {entry['name']} removed")
    for entry in columns["renamed"]:
        words.append(f"{entry['side']} {entry['old']} renamed to {entry['new']}")
    for entry in columns["changed"]:
        words.append(f"{entry['side']} {entry['name']} {'/'.join(entry['fields'])} changed")
    return ", ".join(words)


def _policy(table: dict) -> str:
    words = []
    for name, label in (("hitPolicy", "hit policy"), ("aggregation", "aggregation")):
        change = table[name]
        if change:
            words.append(f"{label} {change['old'] or 'none'} → {change['new'] or 'none'}")
    return ", ".join(words)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
