"""The callable result of compiling a rule."""

from functools import partial
from typing import Any

from .limits import Budget, evaluate_within
from .node import Node


class CompiledRule(partial):
    """A compiled JsonLogic rule: ``rule(data)`` evaluates it; ``.rule`` keeps the source.

    It is a ``functools.partial`` over the root closure so that a call costs no extra
    Python frame (a ``__call__`` method would add about a third to a simple condition).
    Only a rule that iterates (spending a step budget, ``limits.py``) is a partial over
    ``evaluate_within`` instead, which gives each call a fresh budget.
    """

    def __new__(cls, rule: Any, root: Node, origin: str = "") -> "CompiledRule":
        if root.bounded:
            compiled = super().__new__(cls, evaluate_within, root.evaluate, None, origin)
        else:
            compiled = super().__new__(cls, root.evaluate)
        compiled.rule = rule
        compiled.root = root
        compiled.origin = origin
        return compiled

    def evaluate(self, data: Any, budget: Budget | None = None) -> Any:
        """Evaluate against ``data`` spending ``budget`` (e.g. ``Budget(Limits(steps=10))``; default limits if None)."""
        return evaluate_within(self.root.evaluate, budget, self.origin, data)

    def __repr__(self) -> str:
        return f"CompiledRule({self.rule!r})"
