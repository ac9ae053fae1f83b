"""The compiled pricing matrix: cells indexed by their normalised dimension values."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from engine.rules.jsonlogic import CompiledRule

from ..base.provenance import Provenance
from ..base.values import parse_money, read_path


def dimension_value(value_type: str, value: object) -> object:
    """The index form of a value: Decimal for number dimensions, text for string ones; ValueError if not."""
    if value_type == "number":
        return parse_money(value).normalize()
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise ValueError(f"{value!r} is not a dimension value")
    return str(value)


@dataclass(frozen=True)
class Dimension:
    """A dimension: its name, value type and how it is read from the context."""

    name: str
    value_type: str
    path: str
    expression: CompiledRule | None

    def read(self, context: dict) -> object:
        """The raw dimension value for ``context``."""
        return self.expression(context) if self.expression is not None else read_path(context, self.path)


@dataclass(frozen=True)
class MatrixPrice:
    """The price a matrix gives, with the artifact, version and cell that produced it."""

    amount: Decimal
    currency: str
    price_type: str
    period: str | None
    unit: str | None
    source: Provenance


@dataclass(frozen=True)
class CompiledPricingMatrix:
    """Cells by normalised key; ``lookup`` by dimension values, ``price`` from a context."""

    key: str
    version: int | None
    currency: str
    price_type: str
    period: str | None
    unit: str | None
    offerings: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    cells: Mapping[tuple, tuple[str, Decimal]]
    default: Decimal | None

    def lookup(self, values: Mapping[str, object]) -> MatrixPrice | None:
        """The price for dimension ``values`` (name -> value), the default, or None."""
        try:
            key = tuple(dimension_value(d.value_type, values.get(d.name)) for d in self.dimensions)
        except ValueError:
            key = None
        if key in self.cells:
            return self._price(*self.cells[key])
        return None if self.default is None else self._price("default", self.default)

    def dimension_values(self, context: dict) -> dict[str, object]:
        """Each dimension's value read from ``context`` (the trace's inputs)."""
        return {d.name: d.read(context) for d in self.dimensions}

    def price(self, context: dict) -> MatrixPrice | None:
        """Read the dimensions from ``context`` and look the price up."""
        return self.lookup(self.dimension_values(context))

    def _price(self, row: str, amount: Decimal) -> MatrixPrice:
        return MatrixPrice(amount, self.currency, self.price_type, self.period, self.unit,
                           Provenance(self.key, self.version, row))
