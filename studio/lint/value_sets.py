"""Sets of column values, split by type: intervals for numbers, strings and dates; finite sets otherwise.

Parts are keyed by a tag: ``n`` numbers, ``s`` strings, ``d`` dates (tuples of intervals),
``b`` booleans, ``z`` null and ``f`` the allowed-value keys of a finite column (frozensets).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import intervals

ORDERED = ("n", "s", "d")


@dataclass(frozen=True)
class ValueSet:
    """An immutable set of values of one column."""

    parts: tuple[tuple[str, object], ...]

    @classmethod
    def of(cls, parts: dict) -> ValueSet:
        """A set from ``{tag: part}``, dropping empty parts."""
        return cls(tuple(sorted((tag, part) for tag, part in parts.items() if part)))

    @property
    def by_tag(self) -> dict:
        """The parts as a dict."""
        return dict(self.parts)

    @property
    def empty(self) -> bool:
        """True when the set holds no value."""
        return not self.parts

    def __and__(self, other: ValueSet) -> ValueSet:
        mine, theirs = self.by_tag, other.by_tag
        return ValueSet.of({tag: _meet(tag, part, theirs[tag]) for tag, part in mine.items() if tag in theirs})

    def __or__(self, other: ValueSet) -> ValueSet:
        merged = self.by_tag
        for tag, part in other.parts:
            merged[tag] = _join(tag, merged[tag], part) if tag in merged else part
        return ValueSet.of(merged)

    def __sub__(self, other: ValueSet) -> ValueSet:
        theirs = other.by_tag
        return ValueSet.of({tag: _less(tag, part, theirs[tag]) if tag in theirs else part
                            for tag, part in self.parts})

    def only(self, tags: set[str]) -> ValueSet:
        """The values of the given types."""
        return ValueSet.of({tag: part for tag, part in self.parts if tag in tags})


EMPTY = ValueSet(())


def _meet(tag: str, left, right):
    return intervals.intersect(left, right) if tag in ORDERED else left & right


def _join(tag: str, left, right):
    return intervals.union(left + right) if tag in ORDERED else left | right


def _less(tag: str, left, right):
    return intervals.subtract(left, right) if tag in ORDERED else left - right
