"""Generic JSON diff with pointers; lists of identified objects are matched by identity."""

from __future__ import annotations

import json
from difflib import SequenceMatcher

from .identity import identity_member, moved_identities
from .pointers import child
from .result import Change


def diff_values(old: object, new: object, pointer: str = "") -> list[Change]:
    """The changes that turn ``old`` into ``new``, with pointers below ``pointer``."""
    if _same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_objects(old, new, pointer)
    if isinstance(old, list) and isinstance(new, list):
        member = identity_member(old, new)
        if member:
            return _diff_identified(old, new, member, pointer)
        return _diff_sequences(old, new, pointer)
    return [Change("replace", pointer, old, new)]


def _same(old: object, new: object) -> bool:
    return old == new and _text(old) == _text(new)


def _diff_objects(old: dict, new: dict, pointer: str) -> list[Change]:
    changes = []
    for name, value in old.items():
        if name not in new:
            changes.append(Change("remove", child(pointer, name), old=value))
        else:
            changes += diff_values(value, new[name], child(pointer, name))
    for name, value in new.items():
        if name not in old:
            changes.append(Change("add", child(pointer, name), new=value))
    return changes


def _diff_identified(old: list, new: list, member: str, pointer: str) -> list[Change]:
    old_at = {item[member]: index for index, item in enumerate(old)}
    new_at = {item[member]: index for index, item in enumerate(new)}
    moved = moved_identities(list(old_at), list(new_at))
    changes = [Change("remove", child(pointer, index), old=old[index])
               for identity, index in old_at.items() if identity not in new_at]
    for identity, index in new_at.items():
        here = child(pointer, index)
        if identity not in old_at:
            changes.append(Change("add", here, new=new[index]))
            continue
        before = old_at[identity]
        if identity in moved:
            changes.append(Change("move", here, source=child(pointer, before)))
        changes += diff_values(old[before], new[index], here)
    return changes


def _diff_sequences(old: list, new: list, pointer: str) -> list[Change]:
    matcher = SequenceMatcher(None, [_text(v) for v in old], [_text(v) for v in new], autojunk=False)
    changes = []
    for tag, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(old_to - old_from, new_to - new_from) if tag == "replace" else 0
        for offset in range(paired):
            changes += diff_values(old[old_from + offset], new[new_from + offset],
                                   child(pointer, new_from + offset))
        changes += [Change("remove", child(pointer, i), old=old[i]) for i in range(old_from + paired, old_to)]
        changes += [Change("add", child(pointer, i), new=new[i]) for i in range(new_from + paired, new_to)]
    return changes


def _text(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)
