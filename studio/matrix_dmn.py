"""Pricing matrices as DMN decision tables: one input per dimension, one ``amount`` output, one rule per cell.

Export writes a UNIQUE table: each dimension is an input (its path or JsonLogic expression, type, values as
allowed values), each cell a rule (its id kept) whose input entries are the key's literals and whose output is
the amount as a FEEL number. Import reads such a table back into the matrix's dimensions and cells and keeps
the rest of the matrix (currency, price type, default ...). Amounts keep their exact decimal value (and their
text when unchanged: DMN reads ``30.00`` as the number 30.0); a rule id ``r<n>`` in place n is no cell id.
"""
from __future__ import annotations

import re
from decimal import Decimal

from engine.kinds import validate_document
from engine.rules.dmn import DmnError, export_dmn, import_dmn
from engine.rules.dmn.feel_text import FeelTextError, literal_from_text, text_from_literal
from studio.tables import TableImportError

AMOUNT = "amount"
AMOUNT_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
DIMENSION_MEMBERS = ("title", "path", "expression")


def matrix_table(body: dict) -> dict:
    """The decision table body of a pricing matrix body."""
    dimensions = body.get("dimensions", [])
    inputs = [_input(d) for d in dimensions]
    rules = []
    for cell in body.get("cells", []):
        rule = {"inputEntries": [text_from_literal(value, d.get("type", "string"))
                                 for value, d in zip(cell.get("key", []), dimensions, strict=False)],
                "outputEntries": [str(cell.get("amount"))]}
        rules.append({"id": cell["id"], **rule} if "id" in cell else rule)
    return {"hitPolicy": "UNIQUE", "inputs": inputs, "outputs": [{"name": AMOUNT, "type": "number"}],
            "rules": rules}


def _input(dimension: dict) -> dict:
    spec = {"name": dimension["name"], "type": dimension.get("type", "string"), "allowedValues": dimension["values"]}
    if "title" in dimension:
        spec["label"] = dimension["title"]
    if "expression" in dimension:
        spec["expression"] = dimension["expression"]
    elif "path" in dimension:
        spec["path"] = dimension["path"]
    return spec


def export_matrix_dmn(key: str, title: str, body: dict) -> bytes:
    return export_dmn(matrix_table(body), key.replace(".", "_"), title).encode()


def import_matrix_dmn(data: bytes, document: dict, part: str | None = None) -> dict:
    """The matrix document with dimensions and cells from a DMN table; TableImportError with pointers into the
    DMN table (``/rules/<n>/inputEntries/<i>``) and the matrix (``/body/cells/<n>/key/<i>``)."""
    try:
        tables = {name or decision_id: body for decision_id, name, body in import_dmn(data)}
    except DmnError as error:
        raise TableImportError("the DMN document cannot be read", [
            {"pointer": error.pointer, "code": error.code, "message": error.message,
             "decision": error.decision}]) from error
    if part is None and len(tables) != 1 or part is not None and part not in tables:
        raise TableImportError(f"the DMN document holds {sorted(tables)}: name the one to import", [
            {"pointer": "", "code": "part", "message": f"name one of {sorted(tables)}"}])
    table = tables[part] if part is not None else next(iter(tables.values()))
    body, problems = _matrix_body(table, document.get("body") or {})
    candidate = {**document, "body": body}
    if not problems:
        problems = [{"pointer": i.pointer, "code": i.code, "message": i.message}
                    for i in validate_document(candidate) if i.pointer.startswith("/body")]
    if problems:
        raise TableImportError(f"the DMN table is not a usable pricing matrix: {len(problems)} problem(s)",
                               problems)
    return candidate


def _matrix_body(table: dict, current: dict) -> tuple[dict, list[dict]]:
    problems: list[dict] = []
    inputs, outputs = table.get("inputs", []), table.get("outputs", [])
    if [o.get("name") for o in outputs] != [AMOUNT]:
        problems.append({"pointer": "/outputs", "code": "bad_layout",
                         "message": f"a pricing matrix table has one output, {AMOUNT!r}"})
        return dict(current), problems
    known = {d.get("name"): d for d in current.get("dimensions", [])}
    dimensions = [_dimension(spec, known.get(spec["name"], {})) for spec in inputs]
    cells = [_cell(position, rule, problems) for position, rule in enumerate(table.get("rules", []))]
    _keep_amount_texts(cells, current.get("cells", []))
    return {**current, "dimensions": dimensions, "cells": cells}, problems


def _keep_amount_texts(cells: list[dict], before: list[dict]) -> None:
    """An amount equal to the one the cell had keeps its text (``30.00`` rather than DMN's ``30.0``)."""
    texts = {repr(cell.get("key")): str(cell.get("amount")) for cell in before}
    for cell in cells:
        old = texts.get(repr(cell["key"]))
        if old is not None and AMOUNT_TEXT.match(old) and AMOUNT_TEXT.match(cell["amount"]) \
                and Decimal(old) == Decimal(cell["amount"]):
            cell["amount"] = old


def _dimension(spec: dict, known: dict) -> dict:
    dimension = {k: v for k, v in known.items() if k not in ("values", *DIMENSION_MEMBERS, "type")}
    dimension["name"] = spec["name"]
    if "label" in spec:
        dimension["title"] = spec["label"]
    for member in ("path", "expression"):
        if member in spec:
            dimension[member] = spec[member]
    if spec.get("type") == "number" or "type" in known and spec.get("type") == "string":
        dimension["type"] = spec["type"]
    dimension["values"] = spec.get("allowedValues") or known.get("values") or []
    return dimension


def _cell(position: int, rule: dict, problems: list[dict]) -> dict:
    default_id = f"r{position + 1}"  # what the DMN writer names a rule without an id
    cell = {"id": rule["id"]} if rule.get("id", default_id) != default_id else {}
    key = []
    for column, entry in enumerate(rule.get("inputEntries", [])):
        try:
            value = None if not isinstance(entry, str) else literal_from_text(entry)
        except FeelTextError:
            value = None
        if value is None or isinstance(value, bool):
            problems.append({"pointer": f"/rules/{position}/inputEntries/{column}", "code": "not_a_literal",
                             "message": f"a pricing matrix cell names one value per dimension, not {entry!r}"})
        key.append(value)
    cell["key"] = key
    value = (rule.get("outputEntries") or [None])[0]
    amount = str(Decimal(repr(value))) if isinstance(value, float) else str(value)
    if not AMOUNT_TEXT.match(amount):
        problems.append({"pointer": f"/rules/{position}/outputEntries/0", "code": "bad_amount",
                         "message": f"{amount!r} is not a decimal amount"})
    cell["amount"] = amount
    return cell
