"""Pricing matrix checks (dimensions against cells, amounts, completeness) and compilation."""
from __future__ import annotations

import itertools
from types import MappingProxyType

from ..base.expressions import compile_expression
from ..base.graph import Node, check_unique
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from ..base.values import money
from .model import CompiledPricingMatrix, Dimension, dimension_value


def compile_pricing_matrix(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledPricingMatrix:
    """Compile dimensions and index the cells by their normalised key."""
    dimensions, allowed = _dimensions(body["dimensions"], issues)
    cells = _cells(body["cells"], dimensions, allowed, issues)
    if body.get("requireComplete"):
        _check_complete(allowed, cells, issues)
    default = money(body["default"], "/body/default", issues) if "default" in body else None
    return CompiledPricingMatrix(meta.key, meta.version, body["currency"], body["priceType"],
                                 body.get("recurringChargePeriod"), body.get("unitOfMeasure"),
                                 tuple(body.get("productOfferings", [])), tuple(dimensions),
                                 MappingProxyType(cells), default)


def _dimensions(raws: list[dict], issues: Issues) -> tuple[list[Dimension], list[list]]:
    check_unique([Node(raw["name"], f"/body/dimensions/{i}/name", ()) for i, raw in enumerate(raws)],
                 issues, "duplicate_name")
    dimensions, allowed = [], []
    for i, raw in enumerate(raws):
        at, value_type = f"/body/dimensions/{i}", raw.get("type", "string")
        if "path" in raw and "expression" in raw:
            issues.add(f"{at}/expression", "path_and_expression", "give a path or an expression, not both")
        expression = compile_expression(raw["expression"], f"{at}/expression", issues) if "expression" in raw else None
        dimensions.append(Dimension(raw["name"], value_type, raw.get("path", raw["name"]), expression))
        allowed.append(_values(raw["values"], value_type, f"{at}/values", issues))
    return dimensions, allowed


def _values(values: list, value_type: str, at: str, issues: Issues) -> list:
    found = []
    for j, value in enumerate(values):
        try:
            normalised = dimension_value(value_type, value)
        except ValueError as error:
            issues.add(f"{at}/{j}", "invalid_value", str(error))
            continue
        if normalised in found:
            issues.add(f"{at}/{j}", "duplicate_value", f"{value!r} is listed twice")
        found.append(normalised)
    return found


def _cells(raws: list[dict], dimensions: list[Dimension], allowed: list[list], issues: Issues) -> dict:
    ids = [raw.get("id", f"c{i + 1}") for i, raw in enumerate(raws)]
    check_unique([Node(cell_id, f"/body/cells/{i}/id", ()) for i, cell_id in enumerate(ids)], issues)
    cells: dict[tuple, tuple] = {}
    for i, raw in enumerate(raws):
        at = f"/body/cells/{i}"
        amount = money(raw["amount"], f"{at}/amount", issues)
        key = _cell_key(raw["key"], dimensions, allowed, f"{at}/key", issues)
        if key is None:
            continue
        if key in cells:
            issues.add(f"{at}/key", "duplicate_cell", f"cell {ids[i]!r} repeats the key of cell {cells[key][0]!r}")
            continue
        cells[key] = (ids[i], amount)
    return cells


def _cell_key(values: list, dimensions: list[Dimension], allowed: list[list], at: str, issues: Issues):
    if len(values) != len(dimensions):
        issues.add(at, "dimension_mismatch", f"the key has {len(values)} values for {len(dimensions)} dimensions")
        return None
    key = []
    for j, (value, dimension) in enumerate(zip(values, dimensions, strict=True)):
        try:
            normalised = dimension_value(dimension.value_type, value)
        except ValueError as error:
            issues.add(f"{at}/{j}", "invalid_value", str(error))
            return None
        if normalised not in allowed[j]:
            issues.add(f"{at}/{j}", "unknown_dimension_value",
                       f"{value!r} is not a value of dimension {dimension.name!r}")
            return None
        key.append(normalised)
    return tuple(key)


def _check_complete(allowed: list[list], cells: dict, issues: Issues) -> None:
    missing = [key for key in itertools.product(*allowed) if key not in cells]
    if missing:
        shown = ", ".join(str([str(v) for v in key]) for key in missing[:5])
        issues.add("/body/cells", "missing_cell", f"{len(missing)} combinations have no cell, e.g. {shown}")
