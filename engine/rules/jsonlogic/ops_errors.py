"""json-logic-engine's error handling: ``throw`` and ``try``.

``throw`` raises ``JsonLogicRuntimeError`` with an error object: the operand itself when
it is an object, else ``{"type": operand}``. ``try`` returns its first operand that
evaluates without error; each later operand is evaluated with ``{"type": <previous
error's type>}`` as its data (and the ``try``'s own data one scope up, ``{"val": [[2], ...]}``);
when every operand fails the last error is raised. Where json-logic-engine raises a
``NaN`` error our arithmetic keeps the classic result (NaN or ±Infinity, as
json-logic-js), so ``try`` treats an operand whose value is such a number as having
failed with ``{"type": "NaN"}``.
"""

import math
from decimal import Decimal
from typing import Any

from . import scope
from .errors import NOT_A_NUMBER, JsonLogicRuntimeError
from .node import Node, Site


def build_throw(args: list[Node], site: Site) -> Node:
    """``throw``: raise the operand as an error object (``{"type": value}`` unless it is one)."""
    evaluate = args[0].evaluate

    def throw(data):
        value = evaluate(data)
        raise JsonLogicRuntimeError(value if isinstance(value, dict) else {"type": value})

    return Node(throw)


def build_try(args: list[Node], site: Site) -> Node:
    """``try``: the first operand that succeeds; later ones see the previous error as data."""
    first, fallbacks = args[0].evaluate, [arg.evaluate for arg in args[1:]]

    def attempt(data):
        try:
            return _succeeded(first(data))
        except JsonLogicRuntimeError as error:
            failure = error
        for fallback in fallbacks:
            try:
                return _succeeded(_in_error_scope(fallback, {"type": failure.type}, data))
            except JsonLogicRuntimeError as error:
                failure = error
        raise failure

    return Node(attempt)


def _in_error_scope(evaluate, error: dict, data: Any) -> Any:
    stack = scope.frames()
    stack.append((None, None, data))
    try:
        return evaluate(error)
    finally:
        stack.pop()


def _succeeded(value: Any) -> Any:
    kind = type(value)
    if (kind is float and not math.isfinite(value)) or (kind is Decimal and not value.is_finite()):
        raise JsonLogicRuntimeError({"type": NOT_A_NUMBER})
    return value
