"""json-logic-engine's data access: ``val`` (a path of keys, with scope climbing) and ``exists``.

Unlike ``var`` a ``val`` path is a list of keys (``{"val": ["a", "b.c"]}`` reads key
``"b.c"`` of ``a``), null keys are skipped, a missing value is null, and a first operand
``[n]`` first climbs ``n`` scopes out of the enclosing iterations (see ``scope.py``).
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import scope
from .coercion import to_string
from .errors import JsonLogicError, child_pointer
from .node import Node, Site, boolean
from .paths import LOOKUP_FAILURES

_ABSENT = object()
_KEY_TYPES = (str, int, float, Decimal, type(None))
_SEQUENCES = (list, tuple, str)


def build_val(args: list[Node], site: Site) -> Node:
    """``val``: the value at a path of keys (null when absent), optionally from an outer scope."""
    climb, keys = _climb_and_keys(args, site)
    walk = _walker(keys, site)
    if climb:
        return Node(lambda data: _present_or_null(walk(scope.level(climb, data))), uses_scope=True)
    if walk is _identity:
        return Node(_identity)
    if len(keys) == 1 and keys[0].is_constant and type(keys[0].value) is str:
        return Node(_single_key_getter(keys[0].value, walk))
    return Node(lambda data: _present_or_null(walk(data)))


def build_exists(args: list[Node], site: Site) -> Node:
    """``exists``: true when the path of keys leads to a value (a stored null counts)."""
    climb, keys = _climb_and_keys(args, site)
    walk = _walker(keys, site)
    if climb:
        return Node(lambda data: walk(scope.level(climb, data)) is not _ABSENT, is_boolean=True, uses_scope=True)
    return boolean(lambda data: walk(data) is not _ABSENT)


def step(value: Any, key: Any) -> Any:
    """One step of a path as JavaScript's ``value[key]`` reads JSON; ``_ABSENT`` when missing."""
    if isinstance(value, Mapping):
        return value.get(key if type(key) is str else to_string(key), _ABSENT)
    if isinstance(value, _SEQUENCES):
        if key == "length":
            return len(value)
        index = _index(key)
        return value[index] if index is not None and index < len(value) else _ABSENT
    return _ABSENT


def _climb_and_keys(args: list[Node], site: Site) -> tuple[int, list[Node]]:
    if args and args[0].is_constant and isinstance(args[0].value, list) and len(args[0].value) == 1:
        levels = args[0].value[0]
        if isinstance(levels, bool) or not isinstance(levels, (int, float, Decimal)) or levels != int(levels):
            raise JsonLogicError(site.argument_pointers[0], "invalid_val_path",
                                 "a scope to climb is written [n] with a whole number n")
        return abs(int(levels)), args[1:]
    return 0, args


def _walker(keys: list[Node], site: Site):
    pointers = site.argument_pointers[-len(keys):] if keys else ()
    if len(keys) == 1 and keys[0].is_constant and isinstance(keys[0].value, list):
        path = keys[0].value
        pointers = tuple(child_pointer(pointers[0], index) for index in range(len(path)))
    elif all(key.is_constant for key in keys):
        path = [key.value for key in keys]
    else:
        return _computed_walker([key.evaluate for key in keys])
    for key, pointer in zip(path, pointers, strict=True):
        if isinstance(key, bool) or not isinstance(key, _KEY_TYPES):
            raise JsonLogicError(pointer, "invalid_val_path",
                                 f"a val key must be text, a number or null, not {type(key).__name__}")
    path = tuple(key for key in path if key is not None)
    return _identity if not path else lambda data: _walk(data, path)


def _computed_walker(evaluators):
    def walk_computed(data):
        path = [evaluate(data) for evaluate in evaluators]
        if len(path) == 1 and isinstance(path[0], list):
            path = path[0]
        return _walk(data, [key for key in path if key is not None])

    return walk_computed


def _walk(value: Any, path) -> Any:
    for key in path:
        if value is None:
            return _ABSENT
        value = step(value, key)
        if value is _ABSENT:
            return _ABSENT
    return value


def _single_key_getter(key: str, walk):
    def get_one(data):
        try:
            return data[key]
        except LOOKUP_FAILURES:
            return _present_or_null(walk(data))

    return get_one


def _present_or_null(value: Any) -> Any:
    return None if value is _ABSENT else value


def _index(key: Any) -> int | None:
    if type(key) is int:
        return key if key >= 0 else None
    if type(key) is str:
        canonical = key.isascii() and key.isdigit() and (key == "0" or not key.startswith("0"))
        return int(key) if canonical else None
    if type(key) in (float, Decimal) and key == key and key >= 0 and key == int(key):
        return int(key)
    return None


def _identity(data: Any) -> Any:
    return data
