"""Logic operators: ``if``/``?:``, ``and``, ``or``, ``!``, ``!!``, ``??``."""

from .coercion import truthy
from .node import Node, Site, boolean, constant


def build_if(args: list[Node], site: Site) -> Node:
    """``if``: condition/consequent pairs, then an optional else; null when nothing applies."""
    pairs = [(_truth_test(args[i]), args[i + 1].evaluate) for i in range(0, len(args) - 1, 2)]
    otherwise = args[-1].evaluate if len(args) % 2 else None
    if len(pairs) == 1 and otherwise is not None:
        (test, then), = pairs

        def choose(data):
            return then(data) if test(data) else otherwise(data)

        return Node(choose)

    def choose_chain(data):
        for test, then in pairs:
            if test(data):
                return then(data)
        return otherwise(data) if otherwise is not None else None

    return Node(choose_chain)


def build_and(args: list[Node], site: Site) -> Node:
    """``and``: the first falsy operand, else the last operand; null without operands."""
    if not args:
        return constant(None)
    if all(arg.is_boolean for arg in args):
        return boolean(_all_true([arg.evaluate for arg in args]))
    evaluators = [arg.evaluate for arg in args]

    def and_(data):
        value = None
        for evaluate in evaluators:
            value = evaluate(data)
            if not truthy(value):
                return value
        return value

    return Node(and_)


def build_or(args: list[Node], site: Site) -> Node:
    """``or``: the first truthy operand, else the last operand; null without operands."""
    if not args:
        return constant(None)
    evaluators = [arg.evaluate for arg in args]

    def or_(data):
        value = None
        for evaluate in evaluators:
            value = evaluate(data)
            if truthy(value):
                return value
        return value

    return Node(or_, is_boolean=all(arg.is_boolean for arg in args))


def build_coalesce(args: list[Node], site: Site) -> Node:
    """``??``: the first operand that is not null (false and 0 count), else null."""
    evaluators = [arg.evaluate for arg in args]

    def coalesce(data):
        for evaluate in evaluators:
            value = evaluate(data)
            if value is not None:
                return value
        return None

    return Node(coalesce)


def build_not(args: list[Node], site: Site) -> Node:
    """``!``: logical negation by JsonLogic truthiness."""
    test = _truth_test(args[0])
    return boolean(lambda data: not test(data))


def build_double_not(args: list[Node], site: Site) -> Node:
    """``!!``: JsonLogic truthiness as a boolean."""
    return boolean(_truth_test(args[0]))


def _truth_test(node: Node):
    evaluate = node.evaluate
    if node.is_boolean:
        return evaluate
    return lambda data: truthy(evaluate(data))


def _all_true(evaluators):
    if len(evaluators) == 2:
        first, second = evaluators
        return lambda data: first(data) and second(data)

    def all_true(data):
        for evaluate in evaluators:
            if not evaluate(data):
                return False
        return True

    return all_true
