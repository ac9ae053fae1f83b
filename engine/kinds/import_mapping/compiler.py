"""Import mapping checks and compilation: each field has one source, targets do not collide, rules compile."""
from __future__ import annotations

from types import MappingProxyType

from ..base.expressions import compile_expression
from ..base.issues import Issues
from ..base.kind import ArtifactMeta
from .model import FieldSpec
from .runner import CompiledMapping

SOURCES = ("column", "value", "logic")
ORDER_OWNED = ("productOrderItem",)
MAX_POSITION = 99


def compile_import_mapping(body: dict, meta: ArtifactMeta, issues: Issues) -> CompiledMapping:
    """The mapping's runtime object: fields with their sources, value maps and compiled rules."""
    order_fields = tuple(_field(spec, f"/body/order/{i}", "order", issues) for i, spec in enumerate(body.get("order", [])))
    item_fields = tuple(_field(spec, f"/body/item/{i}", "item", issues) for i, spec in enumerate(body.get("item", [])))
    _check_collisions(order_fields, issues)
    _check_collisions(item_fields, issues)
    if body["format"] == "jsonl" and (order_fields or item_fields):
        issues.add("/body/format", "jsonl_fields", "a jsonl file holds whole TMF622 orders: order and item fields "
                                                   "apply to csv and xlsx files only")
    return CompiledMapping(key=meta.key, version=meta.version, format=body["format"], source=body.get("source"),
                           order_key=body.get("orderKey"), delimiter=body.get("delimiter", ","),
                           encoding=body.get("encoding", "utf-8-sig"), sheet=body.get("sheet"),
                           order_fields=order_fields, item_fields=item_fields)


def _field(spec: dict, at: str, scope: str, issues: Issues) -> FieldSpec:
    sources = [name for name in SOURCES if name in spec]
    if len(sources) != 1:
        issues.add(at, "field_source", "a field takes its value from exactly one of column, value or logic"
                   + (f" (it has {', '.join(sources)})" if sources else ""))
    if "characteristic" in spec and scope == "order":
        issues.add(f"{at}/characteristic", "order_characteristic", "characteristics belong to items: "
                                                                   "use an item field")
    target = tuple(_unescape(token) for token in spec["target"].split("/")[1:]) if "target" in spec else None
    if target and scope == "order" and target[0] in ORDER_OWNED:
        issues.add(f"{at}/target", "order_items_target", "order fields cannot write productOrderItem: "
                                                         "each row is an item, use item fields")
    if target and any(token.isdigit() and int(token) > MAX_POSITION for token in target):
        issues.add(f"{at}/target", "target_position", f"list positions in a target go up to {MAX_POSITION}")
    if spec.get("unmapped") and "map" not in spec:
        issues.add(f"{at}/unmapped", "unmapped_without_map", "unmapped applies to a field with a value map")
    if "dateFormat" in spec and spec.get("type") not in ("date", "datetime"):
        issues.add(f"{at}/dateFormat", "date_format_type", "dateFormat applies to fields of type date or datetime")
    logic = compile_expression(spec["logic"], f"{at}/logic", issues) if "logic" in spec else None
    value_map = MappingProxyType({str(k): v for k, v in spec["map"].items()}) if "map" in spec else None
    return FieldSpec(at=at, target=target, characteristic=spec.get("characteristic"), column=spec.get("column"),
                     value=spec.get("value"), has_value="value" in spec, logic=logic,
                     type=spec.get("type", "string"), date_format=spec.get("dateFormat"), value_map=value_map,
                     keep_unmapped=spec.get("unmapped") == "keep", default=spec.get("default"),
                     has_default="default" in spec, required=bool(spec.get("required")))


def _check_collisions(fields: tuple[FieldSpec, ...], issues: Issues) -> None:
    seen: dict[tuple, str] = {}
    for spec in fields:
        name = ("characteristic", spec.characteristic) if spec.characteristic else ("target",) + (spec.target or ())
        for other, other_at in seen.items():
            if other == name or _prefix(other, name) or _prefix(name, other):
                issues.add(spec.at, "field_collision", f"writes where the field at {other_at} writes")
                break
        seen[name] = spec.at


def _prefix(shorter: tuple, longer: tuple) -> bool:
    return shorter[0] == longer[0] == "target" and len(shorter) < len(longer) and longer[:len(shorter)] == shorter


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")
