"""JavaScript relational comparison (``<``, ``<=``, ``>``, ``>=``) over JSON values."""

import operator
from collections.abc import Callable
from typing import Any

from .coercion import NUMBER_TYPES, to_number, to_primitive
from .numeric import align

Relation = Callable[[Any, Any], bool]


def compare(left: Any, right: Any, relation: Relation) -> bool:
    """Apply ``relation`` the JavaScript way: text with text, otherwise as numbers (NaN is false)."""
    kind, other = type(left), type(right)
    if (kind is int or kind is float) and (other is int or other is float):
        return relation(left, right)
    if kind not in NUMBER_TYPES or other not in NUMBER_TYPES:
        left, right = to_primitive(left), to_primitive(right)
        if type(left) is str and type(right) is str:
            return relation(left, right)
        left, right = to_number(left), to_number(right)
    if left != left or right != right:
        return False
    left, right = align(left, right)
    return relation(left, right)


def less_than(left: Any, right: Any) -> bool:
    """JavaScript ``left < right``."""
    return compare(left, right, operator.lt)


def less_or_equal(left: Any, right: Any) -> bool:
    """JavaScript ``left <= right``."""
    return compare(left, right, operator.le)


def greater_than(left: Any, right: Any) -> bool:
    """JavaScript ``left > right``."""
    return compare(left, right, operator.gt)


def greater_or_equal(left: Any, right: Any) -> bool:
    """JavaScript ``left >= right``."""
    return compare(left, right, operator.ge)
