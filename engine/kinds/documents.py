"""Validate, compile and test one artifact document of any kind."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .base.issues import ArtifactInvalid, Issue, Issues, pointer
from .base.kind import ArtifactMeta, Kind, Resolver
from .base.matching import matches, plain
from .base.schema import schema_issues
from .registry import KIND_SPECS

ENVELOPE_SCHEMA = Path(__file__).with_name("envelope.schema.json")


@dataclass(frozen=True)
class TestResult:
    """The outcome of one artifact test: ``expected`` and ``actual`` as plain JSON-friendly data."""

    __test__ = False
    name: str
    passed: bool
    expected: object
    actual: object
    message: str = ""


def validate_document(document: dict) -> list[Issue]:
    """Every issue of ``document``: envelope, body schema and the kind's semantic checks. Never raises."""
    return _compile(document)[1]


def compile_document(document: dict, *, version: int | None = None) -> object:
    """The kind's runtime object for ``document``; raises ArtifactInvalid with all issues if invalid."""
    compiled, issues = _compile(document, version)
    if issues:
        raise ArtifactInvalid(issues)
    return compiled


def run_document_tests(document: dict, compiled: object = None, *,
                       resolve: Resolver | None = None) -> list[TestResult]:
    """Run the artifact's own ``tests``; ``resolve(key)`` supplies other compiled artifacts if needed."""
    kind = KIND_SPECS[document["kind"]]
    if compiled is None:
        compiled = compile_document(document)
    return [_run_one(kind, compiled, test, resolve) for test in document.get("tests") or []]


def _run_one(kind: Kind, compiled: object, test: dict, resolve: Resolver | None) -> TestResult:
    expected = test.get("expect")
    try:
        actual = plain(kind.run_test(compiled, test.get("input"), resolve))
    except Exception as error:  # an admin-written test must report, never crash the publish
        return TestResult(test.get("name", ""), False, expected, None, f"{type(error).__name__}: {error}")
    passed = matches(expected, actual)
    message = "" if passed else "the actual outcome differs from the expected one"
    return TestResult(test.get("name", ""), passed, expected, actual, message)


def _compile(document: object, version: int | None = None) -> tuple[object, list[Issue]]:
    if not isinstance(document, dict):
        return None, [Issue("", "schema.type", "an artifact document must be a JSON object")]
    kind = KIND_SPECS.get(document["kind"]) if isinstance(document.get("kind"), str) else None
    issues = Issues(_envelope_issues(document, kind), artifact=str(document.get("key", "")))
    body = document.get("body")
    if kind is None or not isinstance(body, dict):
        return None, list(issues)
    body_issues = _without_noise(_relabel_unknown_types(kind, schema_issues(kind.schema_path, body, "/body")))
    if body_issues:
        return None, list(issues) + body_issues
    meta = ArtifactMeta(str(document.get("key", "")), version, document.get("title"))
    compiled = kind.compile(body, meta, issues)
    return compiled, list(issues)


def _without_noise(issues: list[Issue]) -> list[Issue]:
    """Drop ``unevaluatedProperties`` where the same object has another issue (a failed if/then branch)."""
    explained = {issue.pointer for issue in issues if issue.code != "schema.unevaluatedProperties"}
    return [issue for issue in issues if issue.code != "schema.unevaluatedProperties" or issue.pointer not in explained]


def _relabel_unknown_types(kind: Kind, issues: list[Issue]) -> list[Issue]:
    unknown = {}
    for issue in issues:
        for pattern, code in kind.type_codes:
            if issue.code == "schema.enum" and re.fullmatch(pattern, issue.pointer):
                unknown[issue.pointer.rsplit("/", 1)[0]] = Issue(issue.pointer, code, issue.message)
    if not unknown:
        return issues
    kept = [issue for issue in issues if not (issue.pointer.rsplit("/", 1)[0] in unknown and issue.code == "schema.enum")
            and not (issue.pointer in unknown and issue.code == "schema.unevaluatedProperties")]
    return sorted(kept + list(unknown.values()), key=lambda issue: issue.pointer)


def _envelope_issues(document: dict, kind: Kind | None) -> list[Issue]:
    issues = [issue for issue in schema_issues(ENVELOPE_SCHEMA, document) if issue.pointer != "/kind"]
    if kind is None:
        issues.insert(0, Issue("/kind", "unknown_kind", f"unknown artifact kind {document.get('kind')!r}"))
    names = [test.get("name") for test in document.get("tests") or [] if isinstance(test, dict)]
    issues += [Issue(pointer("tests", i, "name"), "duplicate_test_name", f"test name {name!r} is used twice")
               for i, name in enumerate(names) if name in names[:i]]
    return issues
