"""Validate a decision table body and compile it, reporting every problem at once."""

from __future__ import annotations

from decimal import InvalidOperation

from engine.rules.jsonlogic.errors import JsonLogicLimitExceeded

from .cells import CellError, compile_input_cell, compile_output_cell, output_value
from .columns import InputColumn, OutputColumn, key_reader, path_reader, rank_table
from .errors import DecisionTableError, Issue, pointer_join
from .hit_policy import PRIORITISED
from .jsonlogic_bridge import JsonLogicCompileError, compile_jsonlogic
from .row_index import RowIndex
from .schema import schema_issues
from .table import CompiledRule, CompiledTable
from .unary_syntax import literal_type
from .values import normalize, value_key


def compile_table(body: dict, indexed: bool = True) -> CompiledTable:
    """Validate and compile a decision table body; raises DecisionTableError listing all issues.

    With ``indexed`` the table keeps an index over its equality cells (same results as a scan).
    """
    issues = schema_issues(body)
    if issues:
        raise DecisionTableError(issues)
    policy = body.get("hitPolicy", "UNIQUE")
    aggregation = body.get("aggregation")
    issues += _policy_issues(body, policy, aggregation)
    inputs = [_compile_input(spec, i, issues) for i, spec in enumerate(body["inputs"])]
    outputs = [_compile_output(spec, i, issues) for i, spec in enumerate(body["outputs"])]
    issues += _duplicates([spec["name"] for spec in body["inputs"]], "/inputs", "name", "duplicate_name")
    issues += _duplicates([spec["name"] for spec in body["outputs"]], "/outputs", "name", "duplicate_name")
    rules = [_compile_rule(rule, i, body, inputs, outputs, issues) for i, rule in enumerate(body["rules"])]
    issues += _duplicates([rule.id if rule else None for rule in rules], "/rules", "id", "duplicate_rule_id")
    if issues:
        raise DecisionTableError(issues)
    return _assemble(policy, aggregation, inputs, outputs, rules, indexed)


def _assemble(policy, aggregation, inputs, outputs, rules, indexed) -> CompiledTable:
    index = RowIndex([rule.all_cells for rule in rules], len(inputs)) if indexed and rules else None
    indexed_columns = index.indexed if index else frozenset()
    compiled = [rule.finish(indexed_columns) for rule in rules]
    return CompiledTable(policy, aggregation, inputs, outputs, compiled, index)


def _policy_issues(body: dict, policy: str, aggregation: str | None) -> list[Issue]:
    issues = []
    if aggregation and policy != "COLLECT":
        issues.append(Issue("/aggregation", "aggregation_not_allowed",
                            f"aggregation {aggregation} needs hit policy COLLECT, not {policy}"))
    if aggregation and len(body["outputs"]) != 1:
        issues.append(Issue("/aggregation", "aggregation_needs_single_output",
                            "an aggregated COLLECT table must have exactly one output"))
    if policy in PRIORITISED and not any("allowedValues" in spec for spec in body["outputs"]):
        issues.append(Issue("/outputs", "missing_output_values",
                            f"hit policy {policy} orders by output allowedValues; give at least one output some"))
    return issues


def _duplicates(names: list[str | None], pointer: str, field: str, code: str) -> list[Issue]:
    seen: set[str] = set()
    issues = []
    for position, name in enumerate(names):
        if name is not None and name in seen:
            issues.append(Issue(pointer_join(pointer[1:], position, field), code, f"{name!r} is used twice"))
        seen.add(name)
    return issues


def _compile_input(spec: dict, position: int, issues: list[Issue]) -> InputColumn:
    pointer = pointer_join("inputs", position)
    column_type = spec.get("type", "any")
    allowed = _allowed_input_keys(spec, column_type, pointer, issues)
    if "path" in spec and "expression" in spec:
        issues.append(Issue(pointer, "ambiguous_source", "give either path or expression, not both"))
    if "expression" not in spec:
        reader = path_reader(spec["path"]) if "path" in spec else key_reader(spec["name"])
        return InputColumn(spec["name"], column_type, reader, allowed)
    try:
        reader = compile_jsonlogic(spec["expression"], pointer + "/expression")
    except JsonLogicCompileError as exc:
        issues.append(exc.issue)
        reader = _read_nothing
    return InputColumn(spec["name"], column_type, _guarded(reader, pointer + "/expression"), allowed)


def _read_nothing(context: dict) -> None:
    return None


def _guarded(reader, pointer: str):
    def read(context: dict) -> object:
        try:
            return reader(context)
        except JsonLogicLimitExceeded:  # a limit error stays one: it names the rule's place itself
            raise
        except Exception as exc:
            raise DecisionTableError.single(pointer, "jsonlogic_error", str(exc)) from exc

    return read


def _allowed_input_keys(spec: dict, column_type: str, pointer: str, issues: list[Issue]) -> frozenset | None:
    if "allowedValues" not in spec:
        return None
    keys = set()
    for position, value in enumerate(spec["allowedValues"]):
        normalised = normalize(value, column_type)
        found = literal_type(normalised)
        if column_type != "any" and found is not None and found != column_type:
            issues.append(Issue(pointer_join(pointer[1:], "allowedValues", position), "type_mismatch",
                                f"{value!r} is not a {column_type}"))
        keys.add(value_key(normalised))
    return frozenset(keys)


def _compile_output(spec: dict, position: int, issues: list[Issue]) -> OutputColumn:
    pointer = pointer_join("outputs", position)
    output_type = spec.get("type", "any")
    allowed = _output_values(spec.get("allowedValues"), output_type, pointer + "/allowedValues", issues)
    has_default = "default" in spec
    default = None
    if has_default:
        try:
            default = compile_output_cell(spec["default"], output_type, _keys(allowed), pointer + "/default")
        except CellError as exc:
            issues.append(exc.issue)
    return OutputColumn(spec["name"], output_type, allowed, has_default,
                        default.constant if default else None, rank_table(allowed) if allowed else {})


def _output_values(values: list | None, output_type: str, pointer: str, issues: list[Issue]) -> tuple | None:
    if values is None:
        return None
    normalised = []
    for position, value in enumerate(values):
        try:
            normalised.append(output_value(value, output_type))
        except (TypeError, ValueError, InvalidOperation) as exc:
            issues.append(Issue(f"{pointer}/{position}", "type_mismatch", str(exc)))
    return tuple(normalised)


def _keys(allowed: tuple | None) -> frozenset | None:
    return None if allowed is None else frozenset(value_key(normalize(value)) for value in allowed)


class _RuleDraft:
    """A compiled rule before the index decides which cells it still has to check."""

    def __init__(self, rule_id, row, annotation, cells, outputs):
        self.id = rule_id
        self.all_cells = cells
        self.row, self.annotation, self.outputs = row, annotation, outputs

    def finish(self, indexed_columns: frozenset) -> CompiledRule:
        checks = tuple(cell for cell in self.all_cells if not cell.is_any)
        residual = tuple(
            cell for cell in checks if not (cell.column in indexed_columns and cell.equality_keys is not None)
        )
        return CompiledRule(self.id, self.row, self.annotation, checks, residual, self.outputs)


def _compile_rule(rule: dict, row: int, body: dict, inputs: list[InputColumn],
                  outputs: list[OutputColumn], issues: list[Issue]) -> _RuleDraft | None:
    pointer = pointer_join("rules", row)
    entries_ok = _entry_counts(rule, body, pointer, issues)
    if not entries_ok:
        return None
    cells = []
    for column, (cell, column_spec) in enumerate(zip(rule["inputEntries"], inputs, strict=True)):
        try:
            cells.append(compile_input_cell(cell, column, column_spec.type, column_spec.allowed_keys,
                                            f"{pointer}/inputEntries/{column}"))
        except CellError as exc:
            issues.append(exc.issue)
    output_cells = []
    for column, (cell, output) in enumerate(zip(rule["outputEntries"], outputs, strict=True)):
        try:
            output_cells.append(compile_output_cell(cell, output.type, _keys(output.allowed),
                                                    f"{pointer}/outputEntries/{column}"))
        except CellError as exc:
            issues.append(exc.issue)
    return _RuleDraft(rule.get("id", f"r{row + 1}"), row, rule.get("annotation"), tuple(cells),
                      tuple(output_cells))


def _entry_counts(rule: dict, body: dict, pointer: str, issues: list[Issue]) -> bool:
    ok = True
    for field, columns in (("inputEntries", "inputs"), ("outputEntries", "outputs")):
        if len(rule[field]) != len(body[columns]):
            issues.append(Issue(f"{pointer}/{field}", "wrong_entry_count",
                                f"{len(rule[field])} entries for {len(body[columns])} {columns}"))
            ok = False
    return ok
