"""The sheet layout of a decision table, as a grid of cell values (rows of columns).

::

        A              B                   C                        D               E
    1   hitPolicy      FIRST               aggregation              (SUM|MIN|MAX|COUNT or blank)
    2   id             IN segment          IN total                 OUT discount    annotation
    3   label          Customer segment    Order total              Discount
    4   type           string              number                   number
    5   source         customer.segment    {"var": "order.total"}
    6   allowedValues  "gold","silver"                              0.2, 0.1, 0
    7   default                                                     0
    8   r1             "gold","platinum"   >= 100                   0.1             loyal big spenders

Row 2 names the columns: ``IN <name>`` inputs, ``OUT <name>`` outputs, an optional last
``annotation``; column A holds the rule ids. ``source`` is a dotted path or a JsonLogic
expression (JSON text starting with ``{``); blank reads the input's name. Input cells are
unary tests (blank is ``-``); ``allowedValues`` are comma lists of literals; output cells
and defaults are literals (``"gold"``, ``0.1``, ``true``, ``date("2026-01-01")``, blank is
null; bare text is taken as a string in string and untyped columns). A cell holding JSON
``{"jsonlogic": …}`` is a JsonLogic cell.
"""

from __future__ import annotations

import json

from engine.rules.dmn.feel_text import (
    FeelTextError,
    literal_from_text,
    literals_from_text,
    text_from_literal,
    text_from_literals,
)

from .errors import SheetIssue

META_ROWS = ("hitPolicy", "id", "label", "type", "source", "allowedValues", "default")
FIRST_RULE_ROW = len(META_ROWS)


def column_letter(column: int) -> str:
    """Spreadsheet column letters for a 0-based column (0 → A, 26 → AA)."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_ref(sheet: str | None, row: int, column: int) -> str:
    """``Sheet!B4`` (or ``B4`` without a sheet) for 0-based row and column."""
    ref = f"{column_letter(column)}{row + 1}"
    return f"{sheet}!{ref}" if sheet else ref


def grid_from_body(body: dict) -> list[list]:
    """The rows of the sheet for ``body`` (numbers in output cells stay numbers)."""
    inputs, outputs = body.get("inputs", []), body.get("outputs", [])
    has_annotation = any("annotation" in rule for rule in body.get("rules", []))
    grid = [["hitPolicy", body.get("hitPolicy", "UNIQUE"), "aggregation", body.get("aggregation")],
            ["id"] + [f"IN {s['name']}" for s in inputs] + [f"OUT {s['name']}" for s in outputs]
            + (["annotation"] if has_annotation else [])]
    grid.append(["label"] + [spec.get("label") for spec in inputs + outputs])
    grid.append(["type"] + [spec.get("type") for spec in inputs + outputs])
    grid.append(["source"] + [_source_text(spec) for spec in inputs])
    grid.append(["allowedValues"] + [_allowed_text(spec) for spec in inputs + outputs])
    grid.append(["default"] + [None] * len(inputs) + [
        _output_text(spec["default"], spec) if "default" in spec else None for spec in outputs])
    for rule in body.get("rules", []):
        row = [rule.get("id")] + [_input_text(cell) for cell in rule["inputEntries"]]
        row += [_output_text(cell, spec) for cell, spec in zip(rule["outputEntries"], outputs, strict=True)]
        grid.append(row + ([rule.get("annotation")] if has_annotation else []))
    return grid


def _source_text(spec: dict) -> str | None:
    if "expression" in spec:
        return json.dumps(spec["expression"])
    return spec.get("path")


def _allowed_text(spec: dict) -> str | None:
    if "allowedValues" not in spec:
        return None
    return text_from_literals(spec["allowedValues"], spec.get("type", "any"))


def _input_text(cell: object) -> str:
    return json.dumps(cell) if isinstance(cell, dict) else cell


def _output_text(value: object, spec: dict) -> object:
    if value is None:
        return None
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return text_from_literal(value, spec.get("type", "any"))


class GridReader:
    """Reads a grid back into a body, gathering issues and mapping body pointers to cells."""

    def __init__(self, grid: list[list], sheet: str | None):
        self.grid = [list(row) for row in grid]
        self.sheet = sheet
        self.issues: list[SheetIssue] = []
        self.cells: dict[str, str] = {}

    def value(self, row: int, column: int) -> object:
        if row >= len(self.grid) or column >= len(self.grid[row]):
            return None
        value = self.grid[row][column]
        return value.strip() if isinstance(value, str) else value

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.sheet, row, column)

    def issue(self, row: int, column: int, code: str, message: str, pointer: str = "") -> None:
        self.issues.append(SheetIssue(self.ref(row, column), code, message, pointer))

    def cell_for(self, pointer: str) -> str:
        """The cell a body pointer came from (the nearest known parent)."""
        while pointer and pointer not in self.cells:
            pointer = pointer.rsplit("/", 1)[0]
        return self.cells.get(pointer, self.ref(0, 0))

    def body(self) -> dict:
        for row, keyword in enumerate(META_ROWS):
            if self.value(row, 0) != keyword:
                self.issue(row, 0, "bad_layout", f"expected {keyword!r} in column A")
        if self.issues:
            return {}
        body = {"hitPolicy": str(self.value(0, 1) or "UNIQUE").upper()}
        self.cells["/hitPolicy"] = self.ref(0, 1)
        if self.value(0, 3):
            body["aggregation"] = str(self.value(0, 3)).upper()
            self.cells["/aggregation"] = self.ref(0, 3)
        columns = self.columns()
        body["inputs"] = [self.input_spec(c, i) for i, c in enumerate(columns["IN"])]
        body["outputs"] = [self.output_spec(c, i) for i, c in enumerate(columns["OUT"])]
        rows = [r for r in range(FIRST_RULE_ROW, len(self.grid)) if any(v not in (None, "") for v in self.grid[r])]
        body["rules"] = [self.rule(r, i, columns, body["outputs"]) for i, r in enumerate(rows)]
        return body

    def columns(self) -> dict:
        found: dict = {"IN": [], "OUT": [], "annotation": None}
        for column in range(1, len(self.grid[1])):
            header = self.value(1, column)
            if header in (None, ""):
                continue
            kind, _, name = str(header).partition(" ")
            if str(header).lower() == "annotation":
                found["annotation"] = column
            elif kind.upper() in ("IN", "OUT") and name.strip():
                found[kind.upper()].append((column, name.strip()))
            else:
                self.issue(1, column, "bad_header", f"{header!r}: write 'IN name', 'OUT name' or 'annotation'")
        return found

    def common_spec(self, column: int, name: str, pointer: str) -> dict:
        self.cells[pointer] = self.ref(1, column)
        spec: dict = {"name": name}
        for row, key in ((2, "label"), (3, "type")):
            if self.value(row, column) not in (None, ""):
                spec[key] = str(self.value(row, column))
                self.cells[f"{pointer}/{key}"] = self.ref(row, column)
        allowed = self.value(5, column)
        if allowed not in (None, ""):
            self.cells[f"{pointer}/allowedValues"] = self.ref(5, column)
            try:
                spec["allowedValues"] = _literals(allowed)
            except FeelTextError as exc:
                self.issue(5, column, "bad_allowed_values", str(exc), f"{pointer}/allowedValues")
        return spec

    def input_spec(self, entry: tuple, position: int) -> dict:
        column, name = entry
        pointer = f"/inputs/{position}"
        spec = self.common_spec(column, name, pointer)
        source = self.value(4, column)
        if source in (None, ""):
            return spec
        if str(source).startswith("{"):
            self.cells[f"{pointer}/expression"] = self.ref(4, column)
            spec["expression"] = self.json_cell(4, column, f"{pointer}/expression")
        else:
            self.cells[f"{pointer}/path"] = self.ref(4, column)
            spec["path"] = str(source)
        return spec

    def output_spec(self, entry: tuple, position: int) -> dict:
        column, name = entry
        pointer = f"/outputs/{position}"
        spec = self.common_spec(column, name, pointer)
        if self.value(6, column) not in (None, ""):
            self.cells[f"{pointer}/default"] = self.ref(6, column)
            spec["default"] = self.output_cell(6, column, spec, f"{pointer}/default")
        return spec

    def rule(self, row: int, position: int, columns: dict, outputs: list[dict]) -> dict:
        pointer = f"/rules/{position}"
        self.cells[pointer] = self.ref(row, 0)
        rule: dict = {}
        if self.value(row, 0) not in (None, ""):
            rule["id"] = _text(self.value(row, 0))
        rule["inputEntries"] = [self.input_cell(row, c, f"{pointer}/inputEntries/{i}")
                                for i, (c, _) in enumerate(columns["IN"])]
        rule["outputEntries"] = [self.output_cell(row, c, spec, f"{pointer}/outputEntries/{i}")
                                 for i, ((c, _), spec) in enumerate(zip(columns["OUT"], outputs, strict=True))]
        annotation = self.value(row, columns["annotation"]) if columns["annotation"] else None
        if annotation not in (None, ""):
            rule["annotation"] = str(annotation)
        return rule

    def input_cell(self, row: int, column: int, pointer: str) -> object:
        self.cells[pointer] = self.ref(row, column)
        value = self.value(row, column)
        if value in (None, ""):
            return "-"
        if isinstance(value, str) and value.startswith("{"):
            return self.json_cell(row, column, pointer)
        return _text(value)

    def output_cell(self, row: int, column: int, spec: dict, pointer: str) -> object:
        self.cells[pointer] = self.ref(row, column)
        value = self.value(row, column)
        if value in (None, "") or isinstance(value, bool | int | float):
            return None if value == "" else value
        text = str(value)
        if text.startswith("{"):
            return self.json_cell(row, column, pointer)
        try:
            return literal_from_text(text)
        except FeelTextError as exc:
            if spec.get("type", "any") in ("string", "any"):
                return text
            self.issue(row, column, "bad_output_entry", str(exc), pointer)
            return None

    def json_cell(self, row: int, column: int, pointer: str) -> object:
        try:
            return json.loads(str(self.value(row, column)))
        except ValueError as exc:
            self.issue(row, column, "bad_json", f"not JSON: {exc}", pointer)
            return None


def _literals(value: object) -> list:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [value]
    return literals_from_text(str(value))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
