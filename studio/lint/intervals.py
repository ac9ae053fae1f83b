"""Unions of intervals over one ordered type (numbers, strings or dates); ``None`` bounds are infinite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Interval:
    """An interval; an unbounded side has bound ``None`` (and is never closed)."""

    low: object
    high: object
    low_closed: bool = True
    high_closed: bool = True


FULL = Interval(None, None, False, False)
ONE_DAY = timedelta(days=1)


def point(value: object) -> Interval:
    """The interval holding exactly ``value``."""
    return Interval(value, value)


def normalized(interval: Interval) -> Interval | None:
    """The interval with date bounds closed (dates are discrete), or None when it is empty."""
    low, high, low_closed, high_closed = interval.low, interval.high, interval.low_closed, interval.high_closed
    if isinstance(low, date) and not low_closed:
        low, low_closed = low + ONE_DAY, True
    if isinstance(high, date) and not high_closed:
        high, high_closed = high - ONE_DAY, True
    if low is not None and high is not None:
        if low > high or low == high and not (low_closed and high_closed):
            return None
    if low is None and high == "" and not high_closed:
        return None
    return Interval(low, high, low_closed, high_closed)


def union(intervals) -> tuple[Interval, ...]:
    """Sorted, disjoint intervals covering the same values."""
    items = sorted((i for i in map(normalized, intervals) if i), key=_low_order)
    merged: list[Interval] = []
    for item in items:
        if merged and _reaches(merged[-1], item):
            merged[-1] = _hull(merged[-1], item)
        else:
            merged.append(item)
    return tuple(merged)


def _low_order(interval: Interval):
    return (interval.low is not None, interval.low if interval.low is not None else 0, not interval.low_closed)


def _reaches(left: Interval, right: Interval) -> bool:
    if left.high is None or right.low is None:
        return True
    return right.low < left.high or right.low == left.high and (left.high_closed or right.low_closed)


def _hull(left: Interval, right: Interval) -> Interval:
    if left.high is None or right.high is None:
        return Interval(left.low, None, left.low_closed, False)
    if right.high > left.high or right.high == left.high and right.high_closed:
        return Interval(left.low, right.high, left.low_closed, right.high_closed)
    return left


def intersect(left: tuple[Interval, ...], right: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The values in both unions."""
    return union(_meet(a, b) for a in left for b in right)


def _meet(a: Interval, b: Interval) -> Interval:
    low, low_closed = _tighter(a.low, a.low_closed, b.low, b.low_closed, max)
    high, high_closed = _tighter(a.high, a.high_closed, b.high, b.high_closed, min)
    return Interval(low, high, low_closed, high_closed)


def _tighter(a, a_closed, b, b_closed, pick):
    if a is None:
        return b, b_closed
    if b is None or a == b and a_closed == b_closed:
        return a, a_closed
    if a == b:
        return a, False
    return (a, a_closed) if pick(a, b) == a else (b, b_closed)


def complement(intervals: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The values of the type that are in none of the (sorted, disjoint) intervals."""
    gaps, low, low_closed = [], None, False
    for interval in intervals:
        if low is not None or interval.low is not None:
            gaps.append(Interval(low, interval.low, low_closed, not interval.low_closed))
        if interval.high is None:
            return union(gaps)
        low, low_closed = interval.high, not interval.high_closed
    gaps.append(Interval(low, None, low_closed, False))
    return union(gaps)


def subtract(left: tuple[Interval, ...], right: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The values in ``left`` but not in ``right``."""
    return intersect(left, complement(right))
