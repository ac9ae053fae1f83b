"""What the studio's services answer: validation, semantic diffs, lint findings and simulations."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from api.contract import Model, Query
from api.routing import MAX_INT
from engine.kinds import validate_document
from engine.kinds.base.schema import load_schema
from engine.kinds.documents import ENVELOPE_SCHEMA
from studio.diff import DiffResult
from studio.lint import LintFinding
from studio.lint.locate import locate

ANY_OBJECT = {"type": "object"}


def _document_schema() -> dict:
    schema = dict(load_schema(ENVELOPE_SCHEMA))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


DOCUMENT_SCHEMA = _document_schema()
"""The artifact document (envelope) as a request body: kind, key, schemaVersion, body, tests, ui."""


class Problem(Model):
    pointer: str
    code: str
    message: str


class ValidationView(Model):
    valid: bool
    errors: list[Problem]


def validation_view(document: dict) -> ValidationView:
    issues = validate_document(document)
    return ValidationView(valid=not issues, errors=[Problem(pointer=i.pointer, code=i.code, message=i.message)
                                                    for i in issues])


class DiffQuery(Query):
    from_: int = Field(alias="from", ge=0, le=MAX_INT, description="the older version")
    to: int = Field(ge=0, le=MAX_INT, description="the newer version")


class ChangeView(Model):
    op: Literal["add", "remove", "replace", "move"]
    pointer: str = Field(description="into the new version (into the old one for remove)")
    old: Any = None
    new: Any = None
    from_: str | None = Field(None, alias="from", description="a move's pointer into the old version")


class RowChanges(Model):
    added: list[str] = Field(description="rule ids")
    removed: list[str]
    changed: list[dict[str, Any]] = Field(description="{id, cells: [{column, side, old, new}], annotation?}")
    moved: list[str] = Field(description="rule ids that changed place (the rest kept their order)")


class TableDiff(Model):
    hit_policy: dict[str, Any] | None
    aggregation: dict[str, Any] | None
    columns: dict[str, list[dict[str, Any]]] = Field(description="added, removed, renamed, changed")
    rows: RowChanges


class DiffView(Model):
    key: str
    from_: int = Field(alias="from")
    to: int
    empty: bool
    summary: str
    changes: list[ChangeView] = Field(description="lists of objects are matched by id, key or name, never by "
                                                  "position: a reordered entry is one move")
    table: TableDiff | None = Field(description="decision tables: rows by rule id, cells by column")


def diff_view(key: str, old: int, new: int, result: DiffResult) -> DiffView:
    return DiffView(key=key, from_=old, to=new, empty=result.empty, summary=result.summary,
                    changes=[ChangeView(op=c.op, pointer=c.pointer, old=c.old, new=c.new, from_=c.source)
                             for c in result.changes],
                    table=TableDiff.model_validate(result.table) if result.table is not None else None)


class FindingView(Model):
    pointer: str = Field(description="JSON pointer into the document (/body/rules/2/inputEntries/0)")
    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    rules: list[str] = Field(description="rule ids involved")
    examples: list[dict[str, Any]] = Field(description="inputs that show the problem, by column name")
    row: int | None = Field(description="decision tables: the rule's row index (0-based), when one row is meant")
    rule_id: str | None = Field(description="decision tables: the id of that rule")
    column: str | None = Field(description="decision tables: the input or output column name, for a cell")
    side: Literal["input", "output"] | None = Field(description="which kind of column")


class LintView(Model):
    key: str
    version: int
    findings: list[FindingView]


def lint_view(key: str, version: int, document: dict, findings: list[LintFinding]) -> LintView:
    views = []
    for finding in findings:
        place = locate(document, finding.pointer)
        views.append(FindingView(pointer=finding.pointer, code=finding.code, severity=finding.severity,
                                 message=finding.message, rules=finding.rules, examples=finding.examples,
                                 row=place.row, rule_id=place.rule_id, column=place.column, side=place.side))
    return LintView(key=key, version=version, findings=views)


class SimulationInput(Model):
    input: Any = Field(description="the same shape as the artifact's tests")


class SimulationView(Model):
    key: str
    version: int
    output: Any
    error: str | None = None
    trace: dict[str, Any] | None = Field(None, description="decision tables: how the result was made")


class PackSimulationView(Model):
    pack: str = Field(description="key@version")
    state: str
    stage: str | None
    state_reason: str | None
    accepted: bool
    missing_information: Any
    order: dict[str, Any]
    pricing: Any
    domain_orders: list[dict[str, Any]]
    trace: list[dict[str, Any]]


class PackDiffView(Model):
    from_: str = Field(alias="from", description="key@version")
    to: str
    added: dict[str, int]
    removed: dict[str, int]
    changed: list[dict[str, Any]] = Field(description="{artifact, from, to, diff}")
    bindings_changed: bool
    bindings: dict[str, Any] | None
