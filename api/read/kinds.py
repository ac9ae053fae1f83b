"""The artifact kinds as the studio's editors need them: schema, hints, capabilities, examples."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from api.contract import Model
from engine.kinds.base.schema import load_schema
from engine.kinds.documents import ENVELOPE_SCHEMA
from studio.kinds import KindInfo, kind_infos

Format = Literal["dmn", "xlsx", "csv"]


class FieldHintView(Model):
    name: str = Field(description="the body member")
    label: str
    widget: str = Field(description="select, checkbox, number, text, tags, table, object, jsonlogic, or a "
                                    "kind-specific editor (decision-grid, matrix-grid, columns, task-graph, money)")
    help: str | None


class CapabilitiesView(Model):
    has_table_grid: bool = Field(description="edited as a grid of rows and cells")
    has_graph: bool = Field(description="GET .../graph draws it (DOT or SVG)")
    has_lint: bool = Field(description="GET .../lint has checks for it")
    can_simulate: bool = Field(description="POST .../simulate evaluates an input through it")
    import_formats: list[Format] = Field(description="POST .../import?format=")
    export_formats: list[Format] = Field(description="GET .../export?format=")


class KindView(Model):
    name: str
    title: str
    description: str | None
    body_schema: dict[str, Any] = Field(description="JSON Schema (draft 2020-12) of the document's body")
    fields: list[FieldHintView] = Field(description="the body's top-level members in editor order")
    capabilities: CapabilitiesView
    examples: list[dict[str, Any]] = Field(description="whole artifact documents of this kind from the demo pack")


class KindsView(Model):
    envelope_schema: dict[str, Any] = Field(description="JSON Schema of the whole document (kind, key, body ...)")
    kinds: list[KindView]


def _kind_view(info: KindInfo) -> KindView:
    return KindView(name=info.name, title=info.title, description=info.description, body_schema=info.schema,
                    fields=[FieldHintView(name=f.name, label=f.label, widget=f.widget, help=f.help)
                            for f in info.fields],
                    capabilities=CapabilitiesView.model_validate(info.capabilities), examples=info.examples)


def kinds_view() -> KindsView:
    return KindsView(envelope_schema=load_schema(ENVELOPE_SCHEMA), kinds=[_kind_view(i) for i in kind_infos()])
