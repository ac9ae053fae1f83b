"""Equality and ordering operators: ``==``, ``!=``, ``===``, ``!==``, ``<``, ``<=``, ``>``, ``>=``.

Each takes two or more operands and holds when it holds for every adjacent pair
(``{"<": [1, 2, 3]}`` is 1 < 2 < 3 as in JsonLogic; ``{">": [3, 2, 1]}``, ``{"==": [1, 1, "1"]}``
and ``{"!=": [1, 2, 1]}`` (no two neighbours equal) as in json-logic-engine). Later operands
are not evaluated once a pair fails.
"""

import operator
from decimal import Decimal, InvalidOperation

from .comparison import Relation, compare
from .equality import loose_equals, strict_equals
from .node import Node, Site, boolean
from .paths import LOOKUP_FAILURES

_NUMBER_TYPES = frozenset({int, float, Decimal})
# Value types Python compares with a bound of the key type exactly as JsonLogic does
# (a Decimal NaN raises InvalidOperation instead of answering false, handled below).
_NATIVELY_COMPARABLE = {
    int: frozenset({int, float, Decimal}),
    float: frozenset({int, float}),
    Decimal: frozenset({int, Decimal}),
}


def build_loose_equal(args: list[Node], site: Site) -> Node:
    """``==``: JavaScript loose equality."""
    return _equality(args, loose_equals, negate=False)


def build_loose_not_equal(args: list[Node], site: Site) -> Node:
    """``!=``: negated loose equality."""
    return _equality(args, loose_equals, negate=True)


def build_strict_equal(args: list[Node], site: Site) -> Node:
    """``===``: JavaScript strict equality."""
    return _equality(args, strict_equals, negate=False)


def build_strict_not_equal(args: list[Node], site: Site) -> Node:
    """``!==``: negated strict equality."""
    return _equality(args, strict_equals, negate=True)


def build_less_than(args: list[Node], site: Site) -> Node:
    """``<``, with ``{"<": [a, b, c]}`` meaning a < b < c."""
    return _ordering(args, operator.lt)


def build_less_or_equal(args: list[Node], site: Site) -> Node:
    """``<=``, with the three-argument between form."""
    return _ordering(args, operator.le)


def build_greater_than(args: list[Node], site: Site) -> Node:
    """``>``."""
    return _ordering(args, operator.gt)


def build_greater_or_equal(args: list[Node], site: Site) -> Node:
    """``>=``."""
    return _ordering(args, operator.ge)


def _equality(args: list[Node], equals, negate: bool) -> Node:
    if len(args) > 2:
        return _chain(args, (lambda left, right: not equals(left, right)) if negate else equals)
    left, right = args[0].evaluate, args[1].evaluate
    if negate:
        return boolean(lambda data: not equals(left(data), right(data)))
    return boolean(lambda data: equals(left(data), right(data)))


def _ordering(args: list[Node], relation: Relation) -> Node:
    if len(args) == 3:
        return _between(args, relation)
    if len(args) > 3:
        return _chain(args, lambda left, right: compare(left, right, relation))
    left, right = args
    if right.is_constant and type(right.value) in _NUMBER_TYPES:
        return _against_number(left, right.value, relation)
    first, second = left.evaluate, right.evaluate
    return boolean(lambda data: compare(first(data), second(data), relation))


def _against_number(left: Node, bound, relation: Relation) -> Node:
    fast_types = _NATIVELY_COMPARABLE[type(bound)]
    read = left.evaluate

    def compare_to_bound(data):
        value = read(data)
        if type(value) in fast_types:
            try:
                return relation(value, bound)
            except InvalidOperation:
                return False
        return compare(value, bound, relation)

    if left.field_keys is None or len(left.field_keys) != 2:
        return boolean(compare_to_bound)
    first, second = left.field_keys

    def compare_field_to_bound(data):
        try:
            value = data[first][second]
        except LOOKUP_FAILURES:
            value = read(data)
        if type(value) in fast_types:
            try:
                return relation(value, bound)
            except InvalidOperation:
                return False
        return compare(value, bound, relation)

    return boolean(compare_field_to_bound)


def _between(args: list[Node], relation: Relation) -> Node:
    low, middle, high = (arg.evaluate for arg in args)

    def between(data):
        value = middle(data)
        return compare(low(data), value, relation) and compare(value, high(data), relation)

    return boolean(between)


def _chain(args: list[Node], holds) -> Node:
    first, rest = args[0].evaluate, [arg.evaluate for arg in args[1:]]

    def chain(data):
        previous = first(data)
        for evaluate in rest:
            current = evaluate(data)
            if not holds(previous, current):
                return False
            previous = current
        return True

    return boolean(chain)
