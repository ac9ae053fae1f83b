"""Array operators: ``map``, ``filter``, ``reduce``, ``all``, ``none``, ``some``, ``merge``, ``in``.

The second operand of the iterating operators is evaluated with each item as its data;
``reduce`` gives it ``{"current": item, "accumulator": value}``. A source that is not a
list has no items (json-logic-js; json-logic-engine fails on some of them, see the package
docstring). A body that climbs scopes (``{"val": [[1], "index"]}``) gets them recorded
while it runs (see ``scope.py``). Each walk is charged to the evaluation's budget before it
starts (``limits.py``): one step per item plus the body's size per item.
"""

from . import scope
from .coercion import to_string, truthy
from .equality import strict_equals
from .limits import active_limits, step_budget
from .node import Node, Site, boolean
from .paths import LOOKUP_FAILURES

_NO_ITEMS: list = []


def build_map(args: list[Node], site: Site) -> Node:
    """``map``: the operand applied to every item."""
    source, each = args[0].evaluate, args[1].evaluate
    pay = _payment(args[1], site, produces_list=True)
    if args[1].uses_scope:
        return Node(lambda data: _map_scoped(pay(items_of(source(data))), data, each), bounded=True)

    def map_items(data):
        items = source(data)
        return [each(item) for item in pay(items)] if isinstance(items, list) else []

    return Node(map_items, bounded=True)


def build_filter(args: list[Node], site: Site) -> Node:
    """``filter``: the items for which the operand is truthy."""
    source, keep = args[0].evaluate, _item_test(args[1])
    pay = _payment(args[1], site, produces_list=True)
    if args[1].uses_scope:
        def filter_scoped(data):
            items = pay(items_of(source(data)))
            return [item for item, kept in zip(items, _map_scoped(items, data, keep), strict=True) if kept]

        return Node(filter_scoped, bounded=True)

    def filter_items(data):
        items = source(data)
        return [item for item in pay(items) if keep(item)] if isinstance(items, list) else []

    return Node(filter_items, bounded=True)


def build_reduce(args: list[Node], site: Site) -> Node:
    """``reduce``: fold the items through the operand, starting from the third operand (or null)."""
    source, step = args[0].evaluate, args[1].evaluate
    initial = args[2].evaluate if len(args) == 3 else (lambda data: None)

    scoped = args[1].uses_scope
    pay = _payment(args[1], site)

    def reduce_items(data):
        items = source(data)
        accumulator = initial(data)
        if not isinstance(items, list):
            return accumulator
        pay(items)
        if scoped:
            return _reduce_scoped(items, data, step, accumulator)
        for item in items:
            accumulator = step({"current": item, "accumulator": accumulator})
        return accumulator

    return Node(reduce_items, bounded=True)


def build_all(args: list[Node], site: Site) -> Node:
    """``all``: true when the list is non-empty and the operand holds for every item."""
    source, test = args[0].evaluate, _item_test(args[1])
    pay = _payment(args[1], site)
    if args[1].uses_scope:
        def all_scoped(data):
            items = pay(items_of(source(data)))
            return bool(items) and not _any_scoped(items, data, lambda item: not test(item))

        return boolean(all_scoped, bounded=True)

    def all_items(data):
        items = source(data)
        return isinstance(items, list) and bool(pay(items)) and all(test(item) for item in items)

    return boolean(all_items, bounded=True)


def build_some(args: list[Node], site: Site) -> Node:
    """``some``: true when the operand holds for at least one item."""
    source, test = args[0].evaluate, _item_test(args[1])
    pay = _payment(args[1], site)
    if args[1].uses_scope:
        return boolean(lambda data: _any_scoped(pay(items_of(source(data))), data, test), bounded=True)

    def some_items(data):
        items = source(data)
        return isinstance(items, list) and any(test(item) for item in pay(items))

    return boolean(some_items, bounded=True)


def build_none(args: list[Node], site: Site) -> Node:
    """``none``: true when the operand holds for no item."""
    some = build_some(args, site).evaluate
    return boolean(lambda data: not some(data), bounded=True)


def items_of(value) -> list:
    """The items an iterating operator walks: a list itself, no items for anything else."""
    return value if isinstance(value, list) else _NO_ITEMS


def _payment(body: Node, site: Site, produces_list: bool = False):
    """``pay(items)``: charge a walk over ``items`` to the evaluation's budget and return them."""
    per_item = 1 + body.size

    def pay(items: list) -> list:
        budget = step_budget()
        budget.steps_left -= len(items) * per_item
        if budget.steps_left < 0:
            raise site.limit_exceeded("steps", budget.limits.steps)
        if produces_list and len(items) > budget.limits.list_length:
            raise site.limit_exceeded("list_length", budget.limits.list_length)
        return items

    return pay


def _map_scoped(items, data, evaluate) -> list:
    """``evaluate`` over the items with the iteration's frame on the scope stack."""
    stack = scope.frames()
    stack.append(None)
    try:
        results = []
        for index, item in enumerate(items):
            stack[-1] = (items, index, data)
            results.append(evaluate(item))
        return results
    finally:
        stack.pop()


def _any_scoped(items, data, test) -> bool:
    """True at the first item passing ``test`` (evaluated with the frame on the scope stack)."""
    stack = scope.frames()
    stack.append(None)
    try:
        for index, item in enumerate(items):
            stack[-1] = (items, index, data)
            if test(item):
                return True
        return False
    finally:
        stack.pop()


def _reduce_scoped(items, data, step, accumulator):
    stack = scope.frames()
    stack.append(None)
    try:
        for index, item in enumerate(items):
            stack[-1] = (items, index, data)
            accumulator = step({"current": item, "accumulator": accumulator})
        return accumulator
    finally:
        stack.pop()


def build_merge(args: list[Node], site: Site) -> Node:
    """``merge``: the operands flattened one level into a single list."""
    evaluators = [arg.evaluate for arg in args]

    def merge(data):
        limit, merged = active_limits().list_length, []
        for evaluate in evaluators:
            value = evaluate(data)
            if isinstance(value, list):
                if len(merged) + len(value) > limit:
                    raise site.limit_exceeded("list_length", limit)
                merged.extend(value)
            else:
                merged.append(value)
        if len(merged) > limit:
            raise site.limit_exceeded("list_length", limit)
        return merged

    return Node(merge)


def build_in(args: list[Node], site: Site) -> Node:
    """``in``: substring test for text, strict-equality membership for lists."""
    needle, haystack = args
    if haystack.is_constant and isinstance(haystack.value, list) and _all_text(haystack.value):
        return _in_text_set(needle, frozenset(haystack.value))
    find, within = needle.evaluate, haystack.evaluate
    return boolean(lambda data: contains(within(data), find(data)))


def contains(haystack, needle) -> bool:
    """JavaScript ``haystack.indexOf(needle) !== -1`` for text and lists; false otherwise."""
    if isinstance(haystack, str):
        return to_string(needle) in haystack
    if isinstance(haystack, list):
        if type(needle) is str:
            return needle in haystack
        return any(strict_equals(needle, item) for item in haystack)
    return False


def _in_text_set(needle: Node, options: frozenset) -> Node:
    read = needle.evaluate

    def in_options(data):
        value = read(data)
        return type(value) is str and value in options

    if needle.field_keys is None or len(needle.field_keys) != 2:
        return boolean(in_options)
    first, second = needle.field_keys

    def field_in_options(data):
        try:
            value = data[first][second]
        except LOOKUP_FAILURES:
            value = read(data)
        return type(value) is str and value in options

    return boolean(field_in_options)


def _all_text(values: list) -> bool:
    return all(type(value) is str for value in values)


def _item_test(node: Node):
    evaluate = node.evaluate
    if node.is_boolean:
        return evaluate
    return lambda item: truthy(evaluate(item))
