"""Money rounding: half-up to the currency's minor unit (ISO 4217 exponent)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINOR_UNITS = {"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
               "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
               "PYG": 0, "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0}
_QUANTA = {digits: Decimal(1).scaleb(-digits) for digits in (0, 2, 3)}


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` (0.01 unless ISO 4217 says otherwise)."""
    return _QUANTA[MINOR_UNITS.get(currency, 2)]


def round_money(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up (away from zero on a tie) to the currency's minor unit."""
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)
