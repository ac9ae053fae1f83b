"""What every artifact kind provides to the registry."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .issues import Issues

Resolver = Callable[[str], object]
"""Maps an artifact key to its compiled object (or None); given to tests that need other artifacts."""


@dataclass(frozen=True)
class ArtifactMeta:
    """Identity of the artifact being compiled, carried into provenance of what it produces."""

    key: str
    version: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Reference:
    """A body member (pointer from the document root) naming another artifact of one of ``kinds``."""

    at: str
    key: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class CatalogReference:
    """A body member naming a catalog entry: ``what`` is ``offering`` or ``specification``."""

    at: str
    id: str
    what: str


class KindTestError(ValueError):
    """An artifact test that cannot run (bad input shape, a missing artifact it needs)."""


def _none(body: dict) -> list:
    return []


@dataclass(frozen=True)
class Kind:
    """An artifact kind: its body schema file, compiler, test runner and outgoing references.

    ``compile(body, meta, issues)`` records problems (pointers from the document root) and
    returns the runtime object; ``run_test(compiled, input, resolve)`` returns the actual
    outcome of one artifact test, which is matched against ``expect``.
    """

    name: str
    schema_path: Path
    compile: Callable[[dict, ArtifactMeta, Issues], object]
    run_test: Callable[[object, object, Resolver | None], object]
    references: Callable[[dict], list[Reference]] = _none
    catalog_references: Callable[[dict], list[CatalogReference]] = _none
    type_codes: tuple[tuple[str, str], ...] = ()
    """(pointer regex, code): a schema ``enum`` failure there is an unknown step / task type."""
