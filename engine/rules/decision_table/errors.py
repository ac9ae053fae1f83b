"""Decision table errors: plain data with a JSON pointer, a code and a message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem found in a decision table body (or raised while evaluating it)."""

    pointer: str
    code: str
    message: str

    def as_dict(self) -> dict:
        """The issue as a plain JSON-friendly dict."""
        return {"pointer": self.pointer, "code": self.code, "message": self.message}


class DecisionTableError(Exception):
    """Raised with every issue found; ``pointer``/``code``/``message`` describe the first one."""

    def __init__(self, issues: list[Issue]):
        if not issues:
            raise ValueError("DecisionTableError needs at least one issue")
        self.issues = list(issues)
        first = self.issues[0]
        self.pointer = first.pointer
        self.code = first.code
        self.message = first.message
        super().__init__("; ".join(f"{i.pointer or '/'}: {i.code}: {i.message}" for i in self.issues))

    @classmethod
    def single(cls, pointer: str, code: str, message: str) -> DecisionTableError:
        """An error holding exactly one issue."""
        return cls([Issue(pointer, code, message)])


def pointer_join(*parts: object) -> str:
    """Build an RFC 6901 JSON pointer from path segments."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)
