"""Characteristic specifications: compiled once, then used to check the values an order item carries."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from engine.excerpt import excerpt, listing

from ..base.issues import Issues
from ..base.values import parse_instant, parse_money

NUMERIC = ("integer", "number")
ORDERED = ("integer", "number", "date", "dateTime")


@dataclass(frozen=True)
class CharacteristicProblem:
    """Why one characteristic value is not acceptable: ``code`` is one of
    missing_characteristic, unknown_characteristic, wrong_type, not_allowed, out_of_range, pattern_mismatch."""

    name: str
    code: str
    message: str


@dataclass(frozen=True)
class CharacteristicSpec:
    """A characteristic of a specification: type, required flag, allowed values, range, pattern."""

    name: str
    value_type: str
    required: bool
    configurable: bool
    allowed: tuple | None
    default: object
    minimum: object
    maximum: object
    pattern: re.Pattern | None
    unit: str | None
    description: str | None = None

    def problems(self, value: object) -> list[CharacteristicProblem]:
        """What is wrong with ``value`` for this characteristic (empty when it is acceptable)."""
        try:
            comparable = comparable_value(self.value_type, value)
        except ValueError as error:
            return [CharacteristicProblem(self.name, "wrong_type", f"{self.name} {error}")]
        if self.allowed is not None and comparable not in self.allowed:
            return [CharacteristicProblem(self.name, "not_allowed", f"{self.name} {excerpt(value)} is not one of "
                                          f"{listing(self.allowed)}")]
        found = []
        if (self.minimum is not None and comparable < self.minimum) or (
                self.maximum is not None and comparable > self.maximum):
            found.append(CharacteristicProblem(self.name, "out_of_range",
                                               f"{self.name} {excerpt(value)} is outside {self._range()}"))
        if self.pattern is not None and not self.pattern.fullmatch(str(value)):
            found.append(CharacteristicProblem(self.name, "pattern_mismatch", self._not_valid(value)))
        return found

    def _not_valid(self, value: object) -> str:
        about = f" ({excerpt(self.description, 120)[1:-1]})" if self.description else ""
        return f"{self.name} {excerpt(value)} is not a valid {self.name}{about}"

    def _range(self) -> str:
        low = "" if self.minimum is None else str(self.minimum)
        high = "" if self.maximum is None else str(self.maximum)
        return f"{low}..{high}"


def comparable_value(value_type: str, value: object) -> object:
    """``value`` as the Python value its type compares with (Decimal, bool, datetime, str); ValueError if wrong."""
    if value_type in NUMERIC:
        try:
            number = parse_money(value)
        except ValueError:
            raise ValueError(f"{excerpt(value)} is not a number") from None
        if value_type == "integer" and number != number.to_integral_value():
            raise ValueError(f"{excerpt(value)} is not a whole number")
        return number
    if value_type == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"{excerpt(value)} is not true or false")
        return value
    if not isinstance(value, str):
        raise ValueError(f"{excerpt(value)} is not a {'' if value_type == 'string' else value_type + ' '}string")
    if value_type in ("date", "dateTime"):
        return parse_instant(value)
    return value


def compile_characteristic(raw: dict, at: str, issues: Issues) -> CharacteristicSpec:
    """Compile one characteristic specification, recording invalid values, range and pattern."""
    value_type = raw["valueType"]
    allowed_raw = raw.get("characteristicValueSpecification")
    allowed = None if allowed_raw is None else tuple(
        _typed(value_type, entry["value"], f"{at}/characteristicValueSpecification/{i}/value", issues)
        for i, entry in enumerate(allowed_raw))
    defaults = [entry["value"] for entry in allowed_raw or [] if entry.get("isDefault")]
    if len(defaults) > 1:
        issues.add(f"{at}/characteristicValueSpecification", "multiple_defaults", "at most one value may be the default")
    minimum, maximum = (_bound(raw, name, value_type, at, issues) for name in ("valueFrom", "valueTo"))
    if minimum is not None and maximum is not None and minimum > maximum:
        issues.add(f"{at}/valueTo", "invalid_range", "valueTo is below valueFrom")
    return CharacteristicSpec(
        name=raw["name"], value_type=value_type, required=raw.get("minCardinality", 0) >= 1,
        configurable=raw.get("configurable", True), allowed=allowed, default=defaults[0] if defaults else None,
        minimum=minimum, maximum=maximum, pattern=_pattern(raw, at, issues), unit=raw.get("unitOfMeasure"),
        description=raw.get("description"))


def _typed(value_type: str, value: object, at: str, issues: Issues) -> object:
    try:
        return comparable_value(value_type, value)
    except ValueError as error:
        issues.add(at, "invalid_value", str(error))
        return None


def _bound(raw: dict, name: str, value_type: str, at: str, issues: Issues) -> Decimal | None:
    if name not in raw:
        return None
    if value_type not in ORDERED:
        issues.add(f"{at}/{name}", "range_not_applicable", f"{name} needs an ordered value type, not {value_type}")
        return None
    return _typed(value_type, raw[name], f"{at}/{name}", issues)


def _pattern(raw: dict, at: str, issues: Issues) -> re.Pattern | None:
    if "regex" not in raw:
        return None
    try:
        return re.compile(raw["regex"])
    except re.error as error:
        issues.add(f"{at}/regex", "invalid_regex", f"not a regular expression: {error}")
        return None
