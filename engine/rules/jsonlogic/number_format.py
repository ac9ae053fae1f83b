"""JavaScript's Number-to-String conversion for Python floats."""

import math
from decimal import Decimal


def format_js_number(value: float) -> str:
    """Format a float the way JavaScript's ``String(number)`` does (``1.0`` -> ``"1"``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple))
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    return ("-" if sign else "") + _place_point(stripped, exponent + len(stripped))


def _place_point(digits: str, point: int) -> str:
    """Write ``0.digits × 10**point`` following ECMAScript Number::toString."""
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return f"{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    mantissa = digits[0] + (f".{digits[1:]}" if count > 1 else "")
    power = point - 1
    return f"{mantissa}e{'+' if power >= 0 else '-'}{abs(power)}"
