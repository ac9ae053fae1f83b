"""Compile JsonLogic rules for cells and input expressions (imported lazily)."""

from __future__ import annotations

from collections.abc import Callable

from .errors import Issue


class JsonLogicCompileError(Exception):
    """Compiling a JsonLogic rule failed; ``issue`` points into the table body."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


def compile_jsonlogic(rule: object, pointer: str) -> Callable[[object], object]:
    """Compile ``rule`` with engine.rules.jsonlogic; errors point below ``pointer`` (run-time limit errors too)."""
    try:
        from engine.rules import jsonlogic
    except ImportError as exc:
        raise JsonLogicCompileError(
            Issue(pointer, "jsonlogic_unavailable", f"JsonLogic is not available: {exc}")
        ) from exc
    try:
        return jsonlogic.compile(rule, origin=pointer)
    except jsonlogic.JsonLogicError as exc:
        inner = getattr(exc, "pointer", "") or ""
        code = getattr(exc, "code", "bad_jsonlogic")
        message = getattr(exc, "message", str(exc))
        raise JsonLogicCompileError(Issue(pointer + inner, code, message)) from exc


def is_jsonlogic_cell(cell: object) -> bool:
    """True for a ``{"jsonlogic": rule}`` cell."""
    return isinstance(cell, dict) and set(cell) == {"jsonlogic"}
