"""Write a decision table body as a DMN XML document."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from .errors import DmnError
from .feel_text import FeelTextError, text_from_literal, text_from_literals
from .namespaces import DEFAULT_VERSION, DMN_NAMESPACES, EXPORTER, JSONLOGIC_LANGUAGE, ORDO_NAMESPACE

_TYPE_REFS = {"string": "string", "number": "number", "boolean": "boolean", "date": "date"}


def export_dmn(body: dict, decision_id: str, name: str, version: str = DEFAULT_VERSION) -> str:
    """A DMN ``definitions`` document holding ``body`` as decision ``decision_id``.

    ``version`` picks the DMN namespace ("1.1" … "1.5"); the body is not validated here.
    """
    if version not in DMN_NAMESPACES:
        raise DmnError("", "unsupported_version", f"DMN version {version!r} is not one of {list(DMN_NAMESPACES)}")
    writer = _Writer(decision_id)
    root = writer.element("definitions", xmlns=DMN_NAMESPACES[version], id=f"{decision_id}_definitions",
                          name=name, namespace=ORDO_NAMESPACE, exporter=EXPORTER)
    root.set("xmlns:ordo", ORDO_NAMESPACE)
    decision = writer.child(root, "decision", id=decision_id, name=name)
    writer.table(decision, body)
    ElementTree.indent(root)
    xml = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


class _Writer:
    """Builds unqualified elements; the root's xmlns attribute puts them in the DMN namespace."""

    def __init__(self, decision_id: str):
        self.decision = decision_id

    def element(self, tag: str, **attributes: str) -> ElementTree.Element:
        return ElementTree.Element(tag, {k: v for k, v in attributes.items() if v is not None})

    def child(self, parent: ElementTree.Element, tag: str, **attributes: str | None) -> ElementTree.Element:
        node = self.element(tag, **attributes)
        parent.append(node)
        return node

    def text_child(self, parent: ElementTree.Element, tag: str, text: str, **attributes) -> ElementTree.Element:
        node = self.child(parent, tag, **attributes)
        self.child(node, "text").text = text
        return node

    def table(self, decision: ElementTree.Element, body: dict) -> None:
        table = self.child(decision, "decisionTable", id=f"{self.decision}_table",
                           hitPolicy=body.get("hitPolicy", "UNIQUE"), aggregation=body.get("aggregation"))
        for position, spec in enumerate(body.get("inputs", [])):
            self.input(table, spec, position)
        for position, spec in enumerate(body.get("outputs", [])):
            self.output(table, spec, position)
        for position, rule in enumerate(body.get("rules", [])):
            self.rule(table, rule, position, body)

    def input(self, table: ElementTree.Element, spec: dict, position: int) -> None:
        node = self.child(table, "input", id=f"{self.decision}_input_{position + 1}", label=spec.get("label"))
        node.set("ordo:name", spec["name"])
        type_ref = _TYPE_REFS.get(spec.get("type", "any"))
        if "expression" in spec:
            self.text_child(node, "inputExpression", json.dumps(spec["expression"]), typeRef=type_ref,
                            expressionLanguage=JSONLOGIC_LANGUAGE)
        elif "path" in spec:
            self.text_child(node, "inputExpression", spec["path"], typeRef=type_ref)
        else:
            node.set("ordo:readsName", "true")
            self.text_child(node, "inputExpression", spec["name"], typeRef=type_ref)
        if "allowedValues" in spec:
            self.text_child(node, "inputValues", self.literals(spec["allowedValues"], spec, f"/inputs/{position}"))

    def output(self, table: ElementTree.Element, spec: dict, position: int) -> None:
        pointer = f"/outputs/{position}"
        node = self.child(table, "output", id=f"{self.decision}_output_{position + 1}", label=spec.get("label"),
                          name=spec["name"], typeRef=_TYPE_REFS.get(spec.get("type", "any")))
        if "allowedValues" in spec:
            self.text_child(node, "outputValues", self.literals(spec["allowedValues"], spec, pointer))
        if "default" in spec:
            self.text_child(node, "defaultOutputEntry", self.literal(spec["default"], spec, pointer + "/default"))

    def rule(self, table: ElementTree.Element, rule: dict, position: int, body: dict) -> None:
        node = self.child(table, "rule", id=rule.get("id", f"r{position + 1}"))
        if rule.get("annotation"):
            self.child(node, "description").text = rule["annotation"]
        for entry in rule.get("inputEntries", []):
            if isinstance(entry, dict):
                self.text_child(node, "inputEntry", json.dumps(entry["jsonlogic"]),
                                expressionLanguage=JSONLOGIC_LANGUAGE)
            else:
                self.text_child(node, "inputEntry", entry)
        for column, entry in enumerate(rule.get("outputEntries", [])):
            if isinstance(entry, dict) and set(entry) == {"jsonlogic"}:
                self.text_child(node, "outputEntry", json.dumps(entry["jsonlogic"]),
                                expressionLanguage=JSONLOGIC_LANGUAGE)
            else:
                spec = body["outputs"][column]
                pointer = f"/rules/{position}/outputEntries/{column}"
                self.text_child(node, "outputEntry", "" if entry is None else self.literal(entry, spec, pointer))

    def literal(self, value: object, spec: dict, pointer: str) -> str:
        try:
            return text_from_literal(value, spec.get("type", "any"))
        except FeelTextError as exc:
            raise DmnError(pointer, "unsupported_value", str(exc), self.decision) from exc

    def literals(self, values: list, spec: dict, pointer: str) -> str:
        try:
            return text_from_literals(values, spec.get("type", "any"))
        except FeelTextError as exc:
            raise DmnError(pointer + "/allowedValues", "unsupported_value", str(exc), self.decision) from exc
