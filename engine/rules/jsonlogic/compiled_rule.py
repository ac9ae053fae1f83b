"""The callable result of compiling a rule."""

from typing import Any

from .node import Evaluator


class CompiledRule:
    """A compiled JsonLogic rule: call it with the data; ``rule`` keeps the source."""

    __slots__ = ("rule", "_evaluate")

    def __init__(self, rule: Any, evaluate: Evaluator) -> None:
        self.rule = rule
        self._evaluate = evaluate

    def __call__(self, data: Any = None) -> Any:
        return self._evaluate(data)

    def __repr__(self) -> str:
        return f"CompiledRule({self.rule!r})"
