"""Arithmetic on JsonLogic numbers, keeping Decimal money Decimal.

A float meeting a Decimal is converted with ``Decimal(str(x))`` so that ``0.1`` means
``Decimal("0.1")``; int meets Decimal natively. Division by zero follows JavaScript
(±Infinity or NaN) instead of raising.
"""

import math
from decimal import Decimal
from typing import Any

from .coercion import INFINITY, NAN

Number = int | float | Decimal


def align(left: Any, right: Any) -> tuple[Any, Any]:
    """Return the pair with a float converted to Decimal when the other side is Decimal."""
    left_kind, right_kind = type(left), type(right)
    if left_kind is Decimal and right_kind is float:
        return left, Decimal(str(right))
    if right_kind is Decimal and left_kind is float:
        return Decimal(str(left)), right
    return left, right


def is_nan(value: Number) -> bool:
    """True when ``value`` is a float or Decimal NaN."""
    return value != value


def add(left: Number, right: Number) -> Number:
    """``left + right``."""
    left, right = align(left, right)
    return left + right


def subtract(left: Number, right: Number) -> Number:
    """``left - right``."""
    left, right = align(left, right)
    return left - right


def multiply(left: Number, right: Number) -> Number:
    """``left * right``."""
    left, right = align(left, right)
    return left * right


def divide(left: Number, right: Number) -> Number:
    """``left / right``; an exact int quotient stays int, ``x / 0`` is ±Infinity or NaN."""
    left, right = align(left, right)
    if right == 0 or is_nan(right):
        return _divide_by_zero(left, right)
    if type(left) is int and type(right) is int:
        quotient, remainder = divmod(left, right)
        return quotient if remainder == 0 else left / right
    return left / right


def modulo(left: Number, right: Number) -> Number:
    """JavaScript ``left % right``: the remainder takes the sign of the dividend."""
    left, right = align(left, right)
    if right == 0 or is_nan(left) or is_nan(right) or _is_infinite(left):
        return _not_a_number(left, right)
    if _is_infinite(right):
        return left
    if type(left) is int and type(right) is int:
        remainder = abs(left) % abs(right)
        return -remainder if left < 0 else remainder
    if Decimal in (type(left), type(right)):
        return Decimal(left) % Decimal(right)
    return math.fmod(left, right)


def extreme(values: list[Number], pick: Any) -> Number:
    """``Math.max``/``Math.min`` over numbers: NaN if any is NaN, Decimal-aware."""
    if any(is_nan(value) for value in values):
        return _not_a_number(*values)
    if any(type(value) is Decimal for value in values):
        values = [Decimal(str(value)) if type(value) is float else value for value in values]
    return pick(values)


def _is_infinite(value: Number) -> bool:
    return value in (INFINITY, -INFINITY)


def _not_a_number(*operands: Number) -> Number:
    if any(type(value) is Decimal for value in operands):
        return Decimal("NaN")
    return NAN


def _divide_by_zero(left: Number, right: Number) -> Number:
    if left == 0 or is_nan(left) or is_nan(right):
        return _not_a_number(left, right)
    negative = (left < 0) != _is_negative_zero(right)
    if type(left) is Decimal or type(right) is Decimal:
        return Decimal("-Infinity") if negative else Decimal("Infinity")
    return -INFINITY if negative else INFINITY


def _is_negative_zero(zero: Number) -> bool:
    if type(zero) is float:
        return math.copysign(1.0, zero) < 0
    return type(zero) is Decimal and zero.is_signed()
