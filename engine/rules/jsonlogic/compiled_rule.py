"""The callable result of compiling a rule."""

from functools import partial
from typing import Any

from .node import Evaluator


class CompiledRule(partial):
    """A compiled JsonLogic rule: ``rule(data)`` evaluates it; ``.rule`` keeps the source.

    It is a ``functools.partial`` over the root closure so that a call costs no extra
    Python frame (a ``__call__`` method would add about a third to a simple condition).
    """

    def __new__(cls, rule: Any, evaluate: Evaluator) -> "CompiledRule":
        compiled = super().__new__(cls, evaluate)
        compiled.rule = rule
        return compiled

    def __repr__(self) -> str:
        return f"CompiledRule({self.rule!r})"
