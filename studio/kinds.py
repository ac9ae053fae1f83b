"""What the studio needs to know about each artifact kind: schema, editor hints, capabilities, examples.

Hints are derived from the body schema (field order, labels, help text, a widget per field) and may be
refined by a ``hints.json`` beside the kind's code (``engine/kinds/<kind>/hints.json``) with ``order``,
``widgets`` and ``help`` overrides. Examples are the shipped demo pack's artifacts of the kind.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from engine.kinds.base.schema import load_schema
from engine.kinds.registry import KIND_SPECS
from engine.shipped import demo_pack
from studio.graphs.documents import GRAPHS
from studio.lint.documents import LINTERS

KINDS_FOLDER = Path(__file__).resolve().parents[1] / "engine" / "kinds"
DEMO_PACK = demo_pack()
EXAMPLE_FOLDERS = (DEMO_PACK / "artifacts", DEMO_PACK / "imports")
TRANSFER_FORMATS = {"decision_table": ("dmn", "xlsx", "csv"), "pricing_matrix": ("dmn", "xlsx", "csv")}
"""Import and export formats per kind (``GET .../export``, ``POST .../import``)."""
TABLE_GRID_KINDS = ("decision_table", "pricing_matrix")
EXAMPLES_PER_KIND = 1


@dataclass(frozen=True)
class FieldHint:
    name: str
    label: str
    widget: str
    help: str | None = None


@dataclass(frozen=True)
class KindInfo:
    name: str
    title: str
    description: str | None
    schema: dict
    fields: list[FieldHint]
    capabilities: dict
    examples: list[dict] = field(default_factory=list)


def kind_infos() -> list[KindInfo]:
    """Every kind, alphabetically."""
    return [kind_info(name) for name in sorted(KIND_SPECS)]


@cache
def kind_info(name: str) -> KindInfo:
    """Schema, hints, capabilities and examples of one kind (read once)."""
    schema = load_schema(KIND_SPECS[name].schema_path)
    hints = _hints_file(name)
    return KindInfo(name, schema.get("title", name), schema.get("description"), schema,
                    _fields(schema, hints), capabilities(name), _examples(name))


def capabilities(name: str) -> dict:
    formats = list(TRANSFER_FORMATS.get(name, ()))
    return {"hasTableGrid": name in TABLE_GRID_KINDS, "hasGraph": name in GRAPHS, "hasLint": name in LINTERS,
            "canSimulate": True, "importFormats": formats, "exportFormats": formats}


def _hints_file(name: str) -> dict:
    path = KINDS_FOLDER / name / "hints.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _fields(schema: dict, hints: dict) -> list[FieldHint]:
    properties = schema.get("properties", {})
    order = [n for n in hints.get("order", []) if n in properties]
    order += [n for n in properties if n not in order]
    widgets, help_texts = hints.get("widgets", {}), hints.get("help", {})
    fields = []
    for name in order:
        spec = _resolved(schema, properties[name])
        fields.append(FieldHint(name, spec.get("title") or label_of(name), widgets.get(name) or widget_for(schema, spec),
                                help_texts.get(name) or spec.get("description")))
    return fields


def label_of(name: str) -> str:
    """``hitPolicy`` -> ``Hit policy``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


def _resolved(schema: dict, spec: dict) -> dict:
    """``spec`` with a local ``$ref`` merged in (the referring member's own title and description win)."""
    ref = spec.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return spec
    target = schema.get("$defs", {}).get(ref.removeprefix("#/$defs/"), {})
    return {**target, **{k: v for k, v in spec.items() if k != "$ref"}}


def widget_for(schema: dict, spec: dict) -> str:
    """A default editor widget for a schema member."""
    if "enum" in spec or "const" in spec:
        return "select"
    kind = spec.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        items = _resolved(schema, spec.get("items", {}))
        return "table" if items.get("type") == "object" or "properties" in items else "tags"
    return {"boolean": "checkbox", "integer": "number", "number": "number", "string": "text",
            "object": "object"}.get(kind, "jsonlogic")


def _examples(name: str) -> list[dict]:
    found = []
    for path in sorted(p for folder in EXAMPLE_FOLDERS if folder.is_dir() for p in folder.glob("*.json")):
        document = json.loads(path.read_text())
        if document.get("kind") == name:
            found.append((len(path.read_bytes()), path.name, document))
    return [document for _, _, document in sorted(found, key=lambda f: f[:2])[:EXAMPLES_PER_KIND]]
