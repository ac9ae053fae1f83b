"""Which lists are matched by identity, and by which member."""

from __future__ import annotations

IDENTITY_MEMBERS = ("id", "key", "name")


def identity_member(old: list, new: list) -> str | None:
    """The member (id, key, then name) that identifies every item of both lists uniquely, if any."""
    items = old + new
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for member in IDENTITY_MEMBERS:
        if _unique_in(old, member) and _unique_in(new, member):
            return member
    return None


def _unique_in(items: list, member: str) -> bool:
    values = [item.get(member) for item in items]
    if any(not isinstance(value, str | int) or isinstance(value, bool) for value in values):
        return False
    return len(set(values)) == len(values)


def moved_identities(old_order: list, new_order: list) -> set:
    """Identities to report as moved: those outside a longest common ordered run (kept in place)."""
    position = {identity: index for index, identity in enumerate(old_order)}
    common = [identity for identity in new_order if identity in position]
    kept = _longest_increasing([position[identity] for identity in common])
    return {identity for identity in common if position[identity] not in kept}


def _longest_increasing(values: list[int]) -> set[int]:
    tails: list[int] = []
    parent: dict[int, int | None] = {}
    for value in values:
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        parent[value] = tails[low - 1] if low else None
        tails[low:low + 1] = [value]
    kept, current = set(), tails[-1] if tails else None
    while current is not None:
        kept.add(current)
        current = parent[current]
    return kept
