"""Arithmetic operators: ``+``, ``-``, ``*``, ``/``, ``%``, ``max``, ``min``.

``+`` and ``*`` read their operands with ``parseFloat`` as json-logic-js does (booleans
as 1/0, as json-logic-engine does); the others use ``Number()`` coercion. ``-``, ``/`` and
``%`` take any number of operands, folded from the left (json-logic-engine);
``{"/": [x]}`` is ``1 / x`` and ``{"*": []}`` is 1.
"""

from functools import reduce

from .coercion import parse_float, to_number
from .limits import MAX_INTEGER_BITS
from .node import Node, Site, constant
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
    """``*``: product of the operands (1 without operands)."""
    if not args:
        return constant(1)
    evaluators = [arg.evaluate for arg in args]

    def product(data):
        result = reduce(multiply, [parse_float(evaluate(data)) for evaluate in evaluators])
        if type(result) is int and result.bit_length() > MAX_INTEGER_BITS:
            raise site.limit_exceeded("integer_bits", MAX_INTEGER_BITS)
        return result

    return Node(product)


def build_subtract(args: list[Node], site: Site) -> Node:
    """``-``: difference (left to right), or negation with one operand."""
    if len(args) == 1:
        only = args[0].evaluate
        return Node(lambda data: -to_number(only(data)))
    return _fold_left(args, subtract)


def build_divide(args: list[Node], site: Site) -> Node:
    """``/``: quotient (left to right; one operand x is 1/x; JavaScript division by zero)."""
    if len(args) == 1:
        only = args[0].evaluate
        return Node(lambda data: divide(1, to_number(only(data))))
    return _fold_left(args, divide)


def build_modulo(args: list[Node], site: Site) -> Node:
    """``%``: remainder with the sign of the dividend (left to right)."""
    return _fold_left(args, modulo)


def _fold_left(args: list[Node], combine) -> Node:
    if len(args) == 2:
        first, second = args[0].evaluate, args[1].evaluate
        return Node(lambda data: combine(to_number(first(data)), to_number(second(data))))
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: reduce(combine, [to_number(evaluate(data)) for evaluate in evaluators]))


def build_max(args: list[Node], site: Site) -> Node:
    """``max``: the largest operand as a number."""
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: extreme([to_number(evaluate(data)) for evaluate in evaluators], max))


def build_min(args: list[Node], site: Site) -> Node:
    """``min``: the smallest operand as a number."""
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: extreme([to_number(evaluate(data)) for evaluate in evaluators], min))
