"""Merge-patch for orders: RFC 7386, except that lists of objects carrying ``id`` merge by id.

TMF622 items, characteristics (by ``name``) and related parties are lists; replacing a whole list to
change one value would force clients to resend everything, so members are matched by ``id`` (or by
``name`` for characteristics) and merged; members without a match are appended. ``null`` removes.
"""
from __future__ import annotations

import copy

IDENTITIES = ("id", "name")


def merge_patch(target: object, patch: object) -> object:
    """A new document: ``target`` with ``patch`` applied (neither argument is modified)."""
    if isinstance(patch, dict):
        base = copy.deepcopy(target) if isinstance(target, dict) else {}
        for key, value in patch.items():
            if value is None:
                base.pop(key, None)
            else:
                base[key] = merge_patch(base.get(key), value)
        return base
    if isinstance(patch, list) and isinstance(target, list) and _identity(patch) and _identity(target):
        return _merge_lists(target, patch)
    return copy.deepcopy(patch)


def _identity(values: list) -> str | None:
    for name in IDENTITIES:
        if values and all(isinstance(v, dict) and name in v for v in values):
            return name
    return None if values else IDENTITIES[0]


def _merge_lists(target: list, patch: list) -> list:
    name = _identity(patch) or _identity(target)
    merged = [copy.deepcopy(v) for v in target]
    index = {v.get(name): i for i, v in enumerate(merged)}
    for member in patch:
        if member.get(name) in index:
            merged[index[member[name]]] = merge_patch(merged[index[member[name]]], member)
        else:
            merged.append(copy.deepcopy(member))
    return merged


def changes(before: object, after: object, pointer: str = "") -> list[dict]:
    """The differences as ``{op, path, old, new}`` (a small diff for order revisions)."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after)):
            path = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key not in after:
                found.append({"op": "remove", "path": path, "old": before[key]})
            elif key not in before:
                found.append({"op": "add", "path": path, "new": after[key]})
            else:
                found += changes(before[key], after[key], path)
        return found
    return [] if before == after else [{"op": "replace", "path": pointer, "old": before, "new": after}]
