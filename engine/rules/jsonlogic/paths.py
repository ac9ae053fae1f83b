"""Dotted ``var`` paths: split once at compile time, resolved against data at run time."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .coercion import to_string

_ABSENT = object()
LOOKUP_FAILURES = (KeyError, TypeError, IndexError)


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of a path: a property name, and its array index when it is canonical."""

    name: str
    index: int | None


def split_path(key: Any) -> tuple[Segment, ...]:
    """Split a ``var`` key (text or number) into segments; null and "" give the empty path."""
    if key is None:
        return ()
    return _split_text(to_string(key))


@lru_cache(maxsize=4096)
def _split_text(text: str) -> tuple[Segment, ...]:
    if text == "":
        return ()
    return tuple(_segment(name) for name in text.split("."))


def resolve(data: Any, path: tuple[Segment, ...], default: Any = None) -> Any:
    """Walk ``path`` through ``data`` like json-logic-js; ``default`` when a step is missing.

    An explicitly stored null is returned as null, as in the reference implementation.
    """
    for segment in path:
        if data is None:
            return default
        data = _step(data, segment)
        if data is _ABSENT:
            return default
    return data


def make_getter(path: tuple[Segment, ...], default: Any = None):
    """Return ``get(data)`` for a fixed path: plain item access first, ``resolve`` on any miss."""
    if not path:
        return _identity
    keys = tuple(segment.name for segment in path)
    if len(keys) == 1:
        return _single_key_getter(keys[0], path, default)
    if len(keys) == 2:
        return _two_key_getter(keys[0], keys[1], path, default)

    def get_deep(data: Any) -> Any:
        value = data
        try:
            for key in keys:
                value = value[key]
        except LOOKUP_FAILURES:
            return resolve(data, path, default)
        return value

    return get_deep


def _single_key_getter(key: str, path: tuple[Segment, ...], default: Any):
    def get_one(data: Any) -> Any:
        try:
            return data[key]
        except LOOKUP_FAILURES:
            return resolve(data, path, default)

    return get_one


def _two_key_getter(first: str, second: str, path: tuple[Segment, ...], default: Any):
    def get_two(data: Any) -> Any:
        try:
            return data[first][second]
        except LOOKUP_FAILURES:
            return resolve(data, path, default)

    return get_two


def _identity(data: Any) -> Any:
    return data


def _segment(name: str) -> Segment:
    canonical = name.isascii() and name.isdigit() and (name == "0" or not name.startswith("0"))
    return Segment(name, int(name) if canonical else None)


def _step(data: Any, segment: Segment) -> Any:
    if isinstance(data, Mapping):
        return data.get(segment.name, _ABSENT)
    if isinstance(data, (list, tuple, str)):
        if segment.name == "length":
            return len(data)
        index = segment.index
        return data[index] if index is not None and index < len(data) else _ABSENT
    return _ABSENT
