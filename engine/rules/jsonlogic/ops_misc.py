"""``log``, ``preserve`` and caller-supplied operators."""

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .errors import JsonLogicError, child_pointer
from .node import Node, Site, constant

JSON_SCALARS = (str, int, float, Decimal, bool, type(None))

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


def build_preserve(raw: Any, site: Site) -> Node:
    """``preserve``: its operand as data, never evaluated (``{"preserve": {"+": [1]}}`` is that object)."""
    check_json(raw, child_pointer(site.pointer, site.operator))
    return constant(raw)


def check_json(value: Any, pointer: str) -> None:
    """Raise ``invalid_value`` (at the offending pointer) for anything that is not a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_json(item, child_pointer(pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, child_pointer(pointer, index))
    elif not isinstance(value, JSON_SCALARS):
        raise JsonLogicError(pointer, "invalid_value", f"{type(value).__name__} is not a JSON value")
