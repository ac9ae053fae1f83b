"""``log`` and caller-supplied operators."""

import logging
from collections.abc import Callable

from .node import Node, Site

logger = logging.getLogger(__name__)


def build_log(args: list[Node], site: Site) -> Node:
    """``log``: log the operand's value at DEBUG level and return it unchanged."""
    evaluate = args[0].evaluate

    def log(data):
        value = evaluate(data)
        logger.debug("jsonlogic log at %s: %r", site.pointer or "/", value)
        return value

    return Node(log)


def custom_builder(function: Callable):
    """Builder for an extra operator: ``function(*evaluated_operands)``."""

    def build(args: list[Node], site: Site) -> Node:
        evaluators = [arg.evaluate for arg in args]
        return Node(lambda data: function(*[evaluate(data) for evaluate in evaluators]))

    return build
