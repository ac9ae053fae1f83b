"""JsonLogic expressions compiled at publish time, with errors located inside the expression."""
from __future__ import annotations

from engine.rules import jsonlogic
from engine.rules.jsonlogic import CompiledRule, JsonLogicError

from .issues import Issues


def compile_expression(rule: object, at: str, issues: Issues) -> CompiledRule | None:
    """Compile ``rule``; on failure record ``jsonlogic.<code>`` at ``at`` + the pointer inside the rule.

    Run-time limit errors of the rule name the artifact and ``at`` (``key:/body/…``).
    """
    try:
        return jsonlogic.compile(rule, origin=f"{issues.artifact}:{at}" if issues.artifact else at)
    except JsonLogicError as error:
        issues.add(at + error.pointer, f"jsonlogic.{error.code}", error.message)
        return None


def compile_optional(container: dict, name: str, at: str, issues: Issues) -> CompiledRule | None:
    """Compile ``container[name]`` when present (pointer ``at/name``), else None."""
    if name not in container:
        return None
    return compile_expression(container[name], f"{at}/{name}", issues)
