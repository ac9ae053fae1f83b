"""Data access operators: ``var``, ``missing``, ``missing_some``."""

from decimal import Decimal
from typing import Any

from .coercion import to_number, to_string
from .errors import JsonLogicError
from .limits import MAX_PATH_LENGTH
from .node import Node, Site
from .paths import make_getter, resolve, split_path

_PATH_TYPES = (str, int, float, Decimal, type(None))
_MISSING = object()


def build_var(args: list[Node], site: Site) -> Node:
    """``var``: the value at a dotted path of the data, or the default (second operand)."""
    if not args:
        return Node(lambda data: data)
    key = args[0]
    default = args[1] if len(args) == 2 else None
    if key.is_constant:
        path = split_path(_checked_path(key.value, site.argument_pointers[0]))
        if default is None or default.is_constant:
            getter = make_getter(path, default.value if default is not None else None)
            return Node(getter, field_keys=tuple(segment.name for segment in path) or None)
        return Node(_var_with_computed_default(path, default.evaluate))
    return Node(_var_with_computed_key(key.evaluate, default.evaluate if default is not None else None, site))


def build_missing(args: list[Node], site: Site) -> Node:
    """``missing``: the keys (operands, or a first operand that is a list) absent or empty in data."""
    if all(arg.is_constant for arg in args):
        keys = _key_list([arg.value for arg in args])
        paths = [(key, split_path(_runtime_key(key))) for key in keys]
        return Node(lambda data: [key for key, path in paths if _is_absent(resolve(data, path))])
    evaluators = [arg.evaluate for arg in args]
    return Node(lambda data: missing_keys(data, _key_list([evaluate(data) for evaluate in evaluators]), site))


def build_missing_some(args: list[Node], site: Site) -> Node:
    """``missing_some``: the missing keys, or [] when at least ``need`` of them are present."""
    need, options = args[0].evaluate, args[1].evaluate

    def missing_some(data):
        keys = options(data)
        keys = keys if isinstance(keys, list) else [keys]
        absent = missing_keys(data, keys, site)
        return [] if len(keys) - len(absent) >= to_number(need(data)) else absent

    return Node(missing_some)


def missing_keys(data: Any, keys: list, site: Site | None = None) -> list:
    """The keys whose value in ``data`` is null, missing or the empty string."""
    return [key for key in keys if _is_absent(resolve(data, split_path(_runtime_key(key, site))))]


def _var_with_computed_default(path, default):
    def get_or_default(data):
        value = resolve(data, path, _MISSING)
        return default(data) if value is _MISSING else value

    return get_or_default


def _var_with_computed_key(key, default, site):
    def get_computed(data):
        value = resolve(data, split_path(_runtime_key(key(data), site)), _MISSING)
        if value is _MISSING:
            return None if default is None else default(data)
        return value

    return get_computed


def _checked_path(key: Any, pointer: str) -> Any:
    if isinstance(key, bool) or not isinstance(key, _PATH_TYPES):
        raise JsonLogicError(pointer, "invalid_var_path",
                             f"a var path must be text, a number or null, not {type(key).__name__}")
    if isinstance(key, str) and len(key) > MAX_PATH_LENGTH:
        raise JsonLogicError(pointer, "path_too_long", f"a var path may have at most {MAX_PATH_LENGTH} characters")
    return key


def _runtime_key(key: Any, site: Site | None = None) -> Any:
    """A key as ``split_path`` takes it; one computed at run time (``site`` given) is refused when too long."""
    key = key if isinstance(key, _PATH_TYPES) and not isinstance(key, bool) else to_string(key)
    if site is not None and isinstance(key, str) and len(key) > MAX_PATH_LENGTH:
        raise site.limit_exceeded("path_length", MAX_PATH_LENGTH)
    return key


def _key_list(values: list) -> list:
    if values and isinstance(values[0], list):
        return values[0]
    return values


def _is_absent(value: Any) -> bool:
    return value is None or value == ""
