"""A lint finding: plain data an editor can pin to a row or cell."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class LintFinding:
    """One finding; ``pointer`` is a JSON pointer into the body, ``rules`` the rule ids involved."""

    pointer: str
    code: str
    severity: str
    message: str
    rules: list[str] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The finding as plain JSON."""
        return {"pointer": self.pointer, "code": self.code, "severity": self.severity,
                "message": self.message, "rules": list(self.rules), "examples": list(self.examples)}
