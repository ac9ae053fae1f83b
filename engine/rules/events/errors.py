"""Validation errors for event rulesets, carried as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleError:
    """One problem in an event ruleset body.

    ``pointer`` is an RFC 6901 JSON pointer into the artifact body, ``code`` a short
    machine string and ``message`` human text.
    """

    pointer: str
    code: str
    message: str


class RulesetInvalid(Exception):
    """Raised by ``compile_ruleset`` with every problem found in the body."""

    def __init__(self, key: str, version: int | None, errors: list[RuleError]):
        self.key = key
        self.version = version
        self.errors = tuple(errors)
        summary = "; ".join(f"{e.pointer or '/'}: {e.code}" for e in self.errors)
        super().__init__(f"event ruleset {key}@{'draft' if version is None else version} is invalid: {summary}")


def join_pointer(pointer: str, *tokens: object) -> str:
    """Append reference tokens to a JSON pointer, escaping ``~`` and ``/``."""
    for token in tokens:
        text = str(token).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{text}"
    return pointer
