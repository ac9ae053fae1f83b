"""Validation issues as plain data, and the collector kinds report them into."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem in an artifact: a JSON pointer from the document root, a code and a message.

    ``artifact`` names the artifact key when the issue comes from a whole-pack check.
    """

    pointer: str
    code: str
    message: str
    artifact: str | None = None

    def as_dict(self) -> dict:
        """The issue as a JSON-friendly dict."""
        return {"artifact": self.artifact, "pointer": self.pointer, "code": self.code, "message": self.message}


class ArtifactInvalid(ValueError):
    """Raised by ``compile_document`` with every issue found (never only the first)."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("; ".join(f"{i.pointer or '/'}: {i.code}: {i.message}" for i in self.issues[:10]))


def pointer(*parts: object) -> str:
    """An RFC 6901 JSON pointer built from reference tokens."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


class Issues(list):
    """A list of Issue that kinds append to while they compile; ``artifact`` is the key of the artifact compiled."""

    def __init__(self, found=(), artifact: str = ""):
        super().__init__(found)
        self.artifact = artifact

    def add(self, at: str, code: str, message: str) -> None:
        """Record one issue at pointer ``at``."""
        self.append(Issue(at, code, message))

    def extend_at(self, prefix: str, found) -> None:
        """Record issues whose pointers are relative to ``prefix`` (e.g. a decision table body)."""
        self.extend(Issue(prefix + issue.pointer, issue.code, issue.message) for issue in found)
