"""Arithmetic operators: ``+``, ``-``, ``*``, ``/``, ``%``, ``max``, ``min``.

``+`` and ``*`` read their operands with ``parseFloat`` as json-logic-js does; the others
use ``Number()`` coercion.
"""

from functools import reduce

from .coercion import parse_float, to_number
from .node import Node, Site
from .numeric import add, divide, extreme, modulo, multiply, subtract


def build_add(args: list[Node], site: Site) -> Node:
    """``+``: sum of the operands; ``{"+": "3"}`` casts text to a number."""
    evaluators = [arg.evaluate for arg in args]
    if len(evaluators) == 1:
        (only,) = evaluators
        return Node(lambda data: parse_float(only(data)))
    if len(evaluators) == 2:
        first, second = evaluators
        return Node(lambda data: add(parse_float(first(data)), parse_float(second(data))))
    return Node(lambda data: reduce(add, [parse_float(evaluate(data)) for evaluate in evaluators], 0))


def build_multiply(args: list[Node], site: Site) -> Node:
    """``*``: product of the operands."""
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: reduce(multiply, [parse_float(evaluate(data)) for evaluate in evaluators]))


def build_subtract(args: list[Node], site: Site) -> Node:
    """``-``: difference, or negation with one operand."""
    if len(args) == 1:
        only = args[0].evaluate
        return Node(lambda data: -to_number(only(data)))
    first, second = args[0].evaluate, args[1].evaluate
    return Node(lambda data: subtract(to_number(first(data)), to_number(second(data))))


def build_divide(args: list[Node], site: Site) -> Node:
    """``/``: quotient (JavaScript semantics for division by zero)."""
    first, second = args[0].evaluate, args[1].evaluate
    return Node(lambda data: divide(to_number(first(data)), to_number(second(data))))


def build_modulo(args: list[Node], site: Site) -> Node:
    """``%``: remainder with the sign of the dividend."""
    first, second = args[0].evaluate, args[1].evaluate
    return Node(lambda data: modulo(to_number(first(data)), to_number(second(data))))


def build_max(args: list[Node], site: Site) -> Node:
    """``max``: the largest operand as a number."""
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: extreme([to_number(evaluate(data)) for evaluate in evaluators], max))


def build_min(args: list[Node], site: Site) -> Node:
    """``min``: the smallest operand as a number."""
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: extreme([to_number(evaluate(data)) for evaluate in evaluators], min))
