"""The demo script of a pack (``demo.json`` beside ``pack.json``): what ``ordo demo`` plays, and how.

``orders`` lists the examples in play order. Each entry names its ``example`` (a file of ``examples/``
without ``.json``), the people's ``steps`` it needs (see ``api.demo.steps``), the ``fill`` of each
placeholder in the example, and the state it must ``expect`` at the end. ``people`` names the demo user
acting for each kind of step; ``onFallout`` says what a fallout agent does with a fallout record.

A placeholder is a JSON string value written in capitals with a hyphen (``"PRODUCT-ID"``); ``fill`` maps it
to ``{"productOf": EXAMPLE, "offering": OFFERING}`` (the product of that offering the order of an earlier
example created in this run) or ``{"orderOf": EXAMPLE}`` (that order's id).
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from api.demo.steps import FALLOUT_ACTIONS

FINAL_STATES = frozenset({"completed", "partial", "failed", "rejected", "cancelled"})
STEP_KINDS = frozenset({"work", "claim", "approve", "supply", "revise", "cancel", "endWait", "resolveFallout"})
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
PEOPLE = {"capture": "orderAgent", "work": "fulfillmentAgent", "supply": "orderAgent", "revise": "orderAgent",
          "cancel": "orderAgent", "endWait": "fulfillmentManager", "fallout": "falloutAgent"}


class ScriptError(Exception):
    """The demo script or an example cannot be played: every problem, each naming its file and place."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    example: str
    body: dict
    expect: str
    steps: tuple[dict, ...] = ()
    fill: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Script:
    entries: tuple[Entry, ...]
    people: dict
    on_fallout: dict | None


def load_script(path: Path, examples: Path) -> Script:
    """Read and check the script against the examples folder; ScriptError lists every problem."""
    document = _read(path)
    problems: list[str] = []
    entries: list[Entry] = []
    raw = document.get("orders")
    if not isinstance(raw, list) or not raw:
        raise ScriptError([f"{path}: 'orders' is a non-empty list"])
    for index, spec in enumerate(raw):
        where = f"{path.name}#/orders/{index}"
        entry = _entry(spec, examples, where, [e.example for e in entries], problems)
        if entry is not None:
            entries.append(entry)
    listed = {spec.get("example") for spec in raw if isinstance(spec, dict)}
    problems += [f"{examples.name}/{p.name}: not in the demo script {path.name} (add an entry with its expected "
                 "state)" for p in sorted(examples.glob("*.json")) if p.stem not in listed]
    people = {**PEOPLE, **(document.get("people") or {})}
    if document.get("onFallout") is not None:
        problems += fallout_problems(document["onFallout"], f"{path.name}#/onFallout")
    if problems:
        raise ScriptError(problems)
    return Script(tuple(entries), people, document.get("onFallout"))


def _read(path: Path) -> dict:
    try:
        document = json.loads(path.read_text())
    except FileNotFoundError as error:
        raise ScriptError([f"{path}: file not found"]) from error
    except json.JSONDecodeError as error:
        raise ScriptError([f"{path}:{error.lineno}:{error.colno}: {error.msg}"]) from error
    if not isinstance(document, dict):
        raise ScriptError([f"{path}: a JSON object"])
    return document


def _entry(spec, examples: Path, where: str, earlier: list[str], problems: list[str]) -> Entry | None:
    if not isinstance(spec, dict) or not isinstance(spec.get("example"), str):
        problems.append(f"{where}: an object with 'example' (a file of {examples.name}/ without .json)")
        return None
    name, before = spec["example"], len(problems)
    try:
        body = _read(examples / f"{name}.json")
    except ScriptError as error:
        problems += [f"{where}/example: {p}" for p in error.problems]
        return None
    if spec.get("expect") not in FINAL_STATES:
        problems.append(f"{where}/expect: one of {', '.join(sorted(FINAL_STATES))}")
    steps = spec.get("steps") or []
    for position, step in enumerate(steps if isinstance(steps, list) else [None]):
        if not isinstance(step, dict) or step.get("do") not in STEP_KINDS:
            problems.append(f"{where}/steps/{position}: an object whose 'do' is one of {', '.join(sorted(STEP_KINDS))}")
        elif step["do"] == "resolveFallout":
            problems += fallout_problems(step, f"{where}/steps/{position}")
    fill = spec.get("fill") or {}
    for placeholder in sorted(placeholders(body) - set(fill)):
        problems.append(f"{where}/fill: {name}.json has the placeholder {placeholder!r}: say where it comes from")
    for placeholder, source in fill.items():
        origin = source.get("productOf") or source.get("orderOf") if isinstance(source, dict) else None
        if origin not in earlier:
            problems.append(f"{where}/fill/{placeholder}: productOf or orderOf an example played earlier in the "
                            "script")
    if len(problems) > before:
        return None
    return Entry(name, body, spec["expect"], tuple(steps), dict(fill))


def fallout_problems(how, where: str) -> list[str]:
    """What is wrong with a way to resolve fallout (a ``resolveFallout`` step, ``onFallout``): an unknown
    ``action``, or a ``fix`` without the corrected data (``params`` and/or ``characteristics`` objects)."""
    if not isinstance(how, dict) or how.get("action", "retry") not in FALLOUT_ACTIONS:
        return [f"{where}/action: one of {', '.join(sorted(FALLOUT_ACTIONS))}"]
    fixes = [how.get(key) for key in ("params", "characteristics") if how.get(key) is not None]
    if how.get("action") == "fix" and (not fixes or not all(isinstance(f, dict) and f for f in fixes)):
        return [f"{where}: a fix says what it corrects: 'params' (the task's) and/or 'characteristics' (of the "
                "task's lines), each a non-empty object"]
    return []


def placeholders(value) -> set[str]:
    """Every placeholder string (``PRODUCT-ID``) in a JSON value."""
    if isinstance(value, dict):
        return set().union(*map(placeholders, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(placeholders, value)) if value else set()
    return {value} if isinstance(value, str) and PLACEHOLDER.match(value) else set()


def order_body(entry: Entry, values: dict[str, str], run_id: str) -> dict:
    """The example to POST: placeholders replaced by ``values``, ``externalId`` made unique to this run."""
    body = _replace(copy.deepcopy(entry.body), values)
    if isinstance(body.get("externalId"), str):
        body["externalId"] = f"{body['externalId']}-{run_id}"
    return body


def _replace(value, values: dict[str, str]):
    if isinstance(value, dict):
        return {key: _replace(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, values) for item in value]
    return values.get(value, value) if isinstance(value, str) else value
