"""Read DMN XML (1.1 to 1.5) decision tables into decision table bodies."""

from __future__ import annotations

import json
import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree

from .errors import DmnError
from .feel_text import FeelTextError, literal_from_text, literals_from_text
from .namespaces import JSONLOGIC_LANGUAGE, ORDO_NAMESPACE, version_of

_WORDS = r"[\w-]*(?: +\w[\w-]*)*"
_PATH = re.compile(rf"^[^\W\d]{_WORDS}(\.\w{_WORDS})*$")
_TYPES = {"string": "string", "number": "number", "integer": "number", "long": "number",
          "double": "number", "decimal": "number", "boolean": "boolean", "date": "date"}
_ORDO_NAME = f"{{{ORDO_NAMESPACE}}}name"
_ORDO_READS_NAME = f"{{{ORDO_NAMESPACE}}}readsName"


def import_dmn(xml: str | bytes) -> list[tuple[str, str, dict]]:
    """Every decision table in the document as ``(decision id, decision name, body)``."""
    root = _parse(xml)
    ns = root.tag[1:].split("}")[0]
    found = []
    for decision in root.iter(f"{{{ns}}}decision"):
        table = decision.find(f"{{{ns}}}decisionTable")
        if table is not None:
            decision_id = decision.get("id", "")
            found.append((decision_id, decision.get("name", decision_id), _TableReader(ns, decision_id).body(table)))
    return found


def _parse(xml: str | bytes) -> Element:
    try:
        root = SafeElementTree.fromstring(xml)
    except Exception as exc:
        raise DmnError("", "bad_xml", f"not well-formed XML: {exc}") from exc
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if root.tag != f"{{{ns}}}definitions" or version_of(ns) is None:
        raise DmnError("", "unsupported_namespace", f"not a DMN 1.1-1.5 definitions element: {root.tag}")
    return root


def type_from_ref(type_ref: str | None) -> str | None:
    """The decision table type for a DMN typeRef (``feel:string``, ``integer`` …)."""
    if not type_ref:
        return None
    return _TYPES.get(type_ref.split(":")[-1].strip().lower(), "any")


class _TableReader:
    def __init__(self, ns: str, decision_id: str):
        self.ns = ns
        self.decision = decision_id

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def fail(self, pointer: str, code: str, message: str) -> DmnError:
        return DmnError(pointer, code, message, self.decision)

    def body(self, table: Element) -> dict:
        body: dict = {"hitPolicy": table.get("hitPolicy", "UNIQUE").strip().upper()}
        if table.get("aggregation"):
            body["aggregation"] = table.get("aggregation").strip().upper()
        inputs = table.findall(self.tag("input"))
        body["inputs"] = self._unique_names([self.input(node, i) for i, node in enumerate(inputs)])
        outputs = table.findall(self.tag("output"))
        body["outputs"] = self._unique_names([self.output(node, i) for i, node in enumerate(outputs)])
        body["rules"] = [self.rule(node, i, body) for i, node in enumerate(table.findall(self.tag("rule")))]
        return body

    def text(self, node: Element | None) -> str | None:
        if node is None:
            return None
        text_node = node.find(self.tag("text"))
        return text_node.text if text_node is not None and text_node.text is not None else None

    def input(self, node: Element, position: int) -> dict:
        pointer = f"/inputs/{position}"
        expression = node.find(self.tag("inputExpression"))
        text = (self.text(expression) or "").strip()
        spec: dict = {"name": node.get(_ORDO_NAME) or _input_name(text, node.get("label"), position)}
        if node.get("label"):
            spec["label"] = node.get("label")
        if expression is not None and expression.get("expressionLanguage") == JSONLOGIC_LANGUAGE:
            spec["expression"] = self.json_text(text, pointer + "/expression")
        elif node.get(_ORDO_READS_NAME) == "true":
            pass  # Ordo wrote it: the input is read by its whole name, it has no path
        elif _PATH.match(text):
            spec["path"] = text
        else:
            raise self.fail(pointer, "unsupported_expression",
                            f"input expression {text!r} is not a name or dotted path")
        self.typed(spec, expression.get("typeRef") if expression is not None else None)
        self.allowed(spec, node.find(self.tag("inputValues")), pointer)
        return spec

    def output(self, node: Element, position: int) -> dict:
        pointer = f"/outputs/{position}"
        spec: dict = {"name": node.get(_ORDO_NAME) or _first_name(node.get("name"), node.get("label"))
                      or f"output{position + 1}"}
        if node.get("label"):
            spec["label"] = node.get("label")
        self.typed(spec, node.get("typeRef"))
        self.allowed(spec, node.find(self.tag("outputValues")), pointer)
        default = node.find(self.tag("defaultOutputEntry"))
        if default is not None:
            spec["default"] = self.literal(self.text(default), pointer + "/default")
        return spec

    def typed(self, spec: dict, type_ref: str | None) -> None:
        column_type = type_from_ref(type_ref)
        if column_type and column_type != "any":
            spec["type"] = column_type

    def allowed(self, spec: dict, values: Element | None, pointer: str) -> None:
        text = self.text(values)
        if text and text.strip():
            try:
                spec["allowedValues"] = literals_from_text(text)
            except FeelTextError as exc:
                raise self.fail(pointer + "/allowedValues", "unsupported_expression", str(exc)) from exc

    def rule(self, node: Element, position: int, body: dict) -> dict:
        pointer = f"/rules/{position}"
        rule: dict = {"id": node.get("id") or f"r{position + 1}"}
        entries = node.findall(self.tag("inputEntry"))
        rule["inputEntries"] = [self.input_entry(entry, f"{pointer}/inputEntries/{i}")
                                for i, entry in enumerate(entries)]
        outputs = node.findall(self.tag("outputEntry"))
        rule["outputEntries"] = [self.output_entry(entry, f"{pointer}/outputEntries/{i}")
                                 for i, entry in enumerate(outputs)]
        annotation = self.annotation(node)
        if annotation:
            rule["annotation"] = annotation
        return rule

    def annotation(self, node: Element) -> str | None:
        description = node.find(self.tag("description"))
        if description is not None and description.text:
            return description.text
        return self.text(node.find(self.tag("annotationEntry")))

    def input_entry(self, entry: Element, pointer: str) -> object:
        text = self.text(entry) or ""
        if entry.get("expressionLanguage") == JSONLOGIC_LANGUAGE:
            return {"jsonlogic": self.json_text(text, pointer)}
        return text.strip() or "-"

    def output_entry(self, entry: Element, pointer: str) -> object:
        text = self.text(entry)
        if entry.get("expressionLanguage") == JSONLOGIC_LANGUAGE:
            return {"jsonlogic": self.json_text(text or "", pointer)}
        return self.literal(text, pointer)

    def literal(self, text: str | None, pointer: str) -> object:
        try:
            return literal_from_text(text)
        except FeelTextError as exc:
            raise self.fail(pointer, "unsupported_expression", str(exc)) from exc

    def json_text(self, text: str, pointer: str) -> object:
        try:
            return json.loads(text)
        except ValueError as exc:
            raise self.fail(pointer, "bad_jsonlogic", f"JsonLogic text is not JSON: {exc}") from exc

    def _unique_names(self, specs: list[dict]) -> list[dict]:
        seen: set[str] = set()
        for spec in specs:
            base, counter = spec["name"], 2
            while spec["name"] in seen:
                spec["name"] = f"{base}_{counter}"
                counter += 1
            seen.add(spec["name"])
        return specs


def _input_name(expression: str, label: str | None, position: int) -> str:
    """An input's name: its expression when that is a name (kept exactly, spaces and all), the last
    segment of a dotted path, else its label, else ``input<n>``."""
    if _PATH.match(expression):
        return expression.rsplit(".", 1)[-1]
    return _first_name(label) or f"input{position + 1}"


def _first_name(*candidates: str | None) -> str | None:
    """The first non-blank candidate, exactly as written (only outer blanks dropped)."""
    for candidate in candidates:
        if candidate and candidate.strip():
            return candidate.strip()
    return None
