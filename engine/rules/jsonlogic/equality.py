"""JavaScript loose (``==``) and strict (``===``) equality over JSON values."""

from typing import Any

from .coercion import NUMBER_TYPES, to_number, to_primitive
from .numeric import align

_NULL, _BOOLEAN, _NUMBER, _STRING, _OBJECT = range(5)


def loose_equals(left: Any, right: Any) -> bool:
    """JavaScript ``left == right`` (abstract equality with type coercion)."""
    kind = type(left)
    if kind is type(right) and (kind is str or kind is int):
        return left == right
    return _abstract_equals(left, right)


def strict_equals(left: Any, right: Any) -> bool:
    """JavaScript ``left === right``: same type and value; arrays/objects by identity."""
    left_kind, right_kind = _kind(left), _kind(right)
    if left_kind != right_kind:
        return False
    if left_kind == _NUMBER:
        return _numbers_equal(left, right)
    if left_kind == _OBJECT:
        return left is right
    return left == right


def _abstract_equals(left: Any, right: Any) -> bool:
    left_kind, right_kind = _kind(left), _kind(right)
    if left_kind == right_kind:
        return strict_equals(left, right)
    if left_kind == _NULL or right_kind == _NULL:
        return False
    if left_kind == _BOOLEAN:
        return _abstract_equals(int(left), right)
    if right_kind == _BOOLEAN:
        return _abstract_equals(left, int(right))
    if left_kind == _OBJECT:
        return _abstract_equals(to_primitive(left), right)
    if right_kind == _OBJECT:
        return _abstract_equals(left, to_primitive(right))
    return _numbers_equal(to_number(left), to_number(right))


def _numbers_equal(left: Any, right: Any) -> bool:
    left, right = align(left, right)
    return left == right


def _kind(value: Any) -> int:
    kind = type(value)
    if kind in NUMBER_TYPES:
        return _NUMBER
    if kind is str:
        return _STRING
    if value is None:
        return _NULL
    if kind is bool:
        return _BOOLEAN
    return _OBJECT
