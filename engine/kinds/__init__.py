"""The artifact kinds: JSON Schemas, semantic validation, compilation and artifact tests.

    validate_document(document) -> list[Issue]       envelope + body schema + semantics; never raises
    compile_document(document, *, version=None)      the kind's runtime object, or ArtifactInvalid(issues)
    run_document_tests(document, compiled=None, *, resolve=None) -> list[TestResult]
    validate_references(documents, bindings) -> list[Issue]   a whole pack
    kind_schemas() -> {kind: body schema, "envelope": envelope schema}
    PACK_STAGES                                       stage name -> Stage (see ``engine.kinds.stages``)

Schemas are JSON Schema draft 2020-12. Issues carry a JSON pointer from the document root, a
code and a message. The body's semantic checks run once it passes its schema. Each kind's
body format and test format are described in its package docstring (``engine.kinds.catalog`` …).
"""
from __future__ import annotations

from .base.issues import ArtifactInvalid, Issue
from .base.kind import ArtifactMeta, Kind, KindTestError, Resolver
from .base.provenance import Provenance
from .base.schema import load_schema
from .documents import ENVELOPE_SCHEMA, TestResult, compile_document, run_document_tests, validate_document
from .references import validate_references
from .registry import KIND_NAMES, KIND_SPECS
from .stages import PACK_STAGES, Slot, Stage

KINDS: frozenset[str] = frozenset(KIND_NAMES)

__all__ = ["KIND_NAMES", "KINDS", "PACK_STAGES", "ArtifactInvalid", "ArtifactMeta", "Issue", "Kind", "KindTestError",
           "Provenance", "Resolver", "Slot", "Stage", "TestResult", "compile_document", "kind_schemas",
           "run_document_tests", "validate_document", "validate_references"]


def kind_schemas() -> dict[str, dict]:
    """The JSON Schema (draft 2020-12) of each kind's body, plus ``"envelope"`` for the whole document."""
    schemas = {name: load_schema(kind.schema_path) for name, kind in KIND_SPECS.items()}
    schemas["envelope"] = load_schema(ENVELOPE_SCHEMA)
    return schemas
