"""A compiled import mapping: group a file's rows into orders and build each order's TMF622 body."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from engine.rules.jsonlogic import JsonLogicError, JsonLogicLimitExceeded

from .model import EMPTY, FieldSpec, MappedOrder, Row, RowProblem
from .values import BadValue, convert, excerpt

MAX_LISTED = 10
ITEM_DEFAULTS = (("action", "add"), ("quantity", 1))


@dataclass(frozen=True)
class CompiledMapping:
    """A published mapping; ``orders(rows)`` yields one MappedOrder per run of rows sharing the order key."""

    key: str
    version: int | None
    format: str
    source: str | None
    order_key: str | None
    delimiter: str
    encoding: str
    sheet: str | None
    order_fields: tuple[FieldSpec, ...]
    item_fields: tuple[FieldSpec, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the mapping reads, the order key first."""
        named = [self.order_key] if self.order_key else []
        for spec in self.order_fields + self.item_fields:
            if spec.column and spec.column not in named:
                named.append(spec.column)
        return tuple(named)

    def missing_columns(self, header: Iterable[str]) -> list[str]:
        """The columns the mapping reads that the file's header lacks."""
        present = set(header)
        return [column for column in self.columns if column not in present]

    def orders(self, rows: Iterable[Row]) -> Iterator[MappedOrder]:
        """Group adjacent rows with the same order key into orders (streaming: one order in memory)."""
        key, group = None, []
        for row in rows:
            value = (row.values.get(self.order_key) or EMPTY).strip()
            if not value:
                if group:
                    yield self.build(key, group)
                    group = []
                yield self.keyless(row)
                continue
            if group and value != key:
                yield self.build(key, group)
                group = []
            key = value
            group.append(row)
        if group:
            yield self.build(key, group)

    def keyless(self, row: Row) -> MappedOrder:
        """A row without an order key: rejected, as no order can hold it."""
        message = f"row {row.number}, column {self.order_key!r}: the order key is empty"
        return MappedOrder("", (row.number,), {}, (RowProblem(row.number, self.order_key, message),))

    def build(self, key: str, rows: list[Row]) -> MappedOrder:
        """The order ``key`` from its rows: order fields from the first row, one item per row."""
        problems: list[RowProblem] = []
        columns: dict[str, str] = {}
        payload: dict = {}
        for spec in self.order_fields:
            _apply(payload, spec, rows[0], "", problems, columns)
        payload.setdefault("externalId", key)
        if "externalId" not in columns and self.order_key:
            columns["/externalId"] = self.order_key
        items = []
        for index, row in enumerate(rows):
            item: dict = {"id": str(index + 1)}
            for spec in self.item_fields:
                _apply(item, spec, row, f"/productOrderItem/{index}", problems, columns)
            for name, value in ITEM_DEFAULTS:
                item.setdefault(name, value)
            items.append(item)
        payload["productOrderItem"] = items
        unique = tuple(dict.fromkeys(problems))
        return MappedOrder(key, tuple(row.number for row in rows), payload, unique, columns)


def _apply(container: dict, spec: FieldSpec, row: Row, at: str, problems: list[RowProblem],
           columns: dict[str, str]) -> None:
    try:
        value = _value(spec, row)
        if value is _MISSING:
            return
        pointer = _write(container, spec, value, at)
    except BadValue as error:
        problems.append(RowProblem(row.number, spec.column, f"row {row.number}, {spec.label}: {error}"))
        return
    if spec.column:
        columns[pointer] = spec.column


def _write(container: dict, spec: FieldSpec, value: object, at: str) -> str:
    """Put ``value`` where ``spec`` says; the TMF pointer it landed at."""
    if spec.characteristic:
        listed = container.setdefault("product", {}).setdefault("productCharacteristic", [])
        listed.append({"name": spec.characteristic, "value": value})
        return f"{at}/product/productCharacteristic/{len(listed) - 1}"
    _set(container, spec.target, value)
    return at + "".join(f"/{token}" for token in spec.target)


class _Missing:
    pass


_MISSING = _Missing()


def _value(spec: FieldSpec, row: Row) -> object:
    if spec.has_value:
        return spec.value
    if spec.logic is not None:
        try:
            raw = spec.logic({"row": dict(row.values)})
        except JsonLogicError as error:
            raise BadValue(f"the derived value cannot be computed: {error.message}") from None
        except JsonLogicLimitExceeded as error:
            raise BadValue(f"the derived value goes over a limit of Ordo's rules: {error}") from None
    else:
        raw = (row.values.get(spec.column) or EMPTY).strip()
    if raw is None or raw == EMPTY:
        if spec.has_default:
            return spec.default
        if spec.required:
            raise BadValue("a value is required")
        return _MISSING
    if spec.value_map is not None:
        raw = _mapped(spec, str(raw))
    return convert(raw, spec.type, spec.date_format) if isinstance(raw, str) else raw


def _mapped(spec: FieldSpec, text: str) -> object:
    if text in spec.value_map:
        return spec.value_map[text]
    if spec.keep_unmapped:
        return text
    allowed = sorted(spec.value_map)
    listed = ", ".join(allowed[:MAX_LISTED]) + (f" and {len(allowed) - MAX_LISTED} more" if len(allowed) > MAX_LISTED
                                                else "")
    raise BadValue(f"{excerpt(text)} is not one of the mapped values ({listed})")


def _set(container: dict, tokens: tuple[str, ...], value: object) -> None:
    """Write ``value`` at ``tokens`` (a JSON pointer's tokens), creating objects, and lists for numeric tokens."""
    node: dict | list = container
    for token, following in zip(tokens, tokens[1:], strict=False):
        node = _child(node, token, [] if following.isdigit() else {})
    if isinstance(node, list):
        node[_index(node, tokens[-1])] = value
    else:
        node[tokens[-1]] = value


def _child(node: dict | list, token: str, fresh: dict | list) -> dict | list:
    if isinstance(node, dict):
        found = node.setdefault(token, fresh)
    else:
        index = _index(node, token)
        found = node[index] = node[index] or fresh
    if not isinstance(found, dict | list):
        raise BadValue(f"the target passes through {token!r}, which another field set to a value")
    return found


def _index(node: list, token: str) -> int:
    if not token.isdigit():
        raise BadValue(f"the target names {token!r} inside a list: use a position (0, 1, …)")
    index = int(token)
    node.extend({} for _ in range(index + 1 - len(node)))
    return index
