"""Refuse NUL characters (``\\u0000``) in the path, the query and JSON bodies: PostgreSQL's text and JSONB
cannot hold them, so every backend answers 400 (with the pointer) instead of one storing them and the other
failing."""
from __future__ import annotations

from flask import request

from api.errors import ApiError
from engine.kinds.base.issues import pointer


def _nul_at(value: object, path: tuple = ()) -> tuple | None:
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return (*path, key)
        found = _nul_at(item, (*path, key))
        if found is not None:
            return found
    return None


def refuse_nul_characters() -> None:
    """A ``before_request`` hook: 400 when the path, a query parameter or the JSON body has a NUL character."""
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        raise ApiError(400, "Bad Request", "the URL holds a NUL character (%00)")
    if not request.is_json:
        return
    raw = request.get_data(cache=True)
    if b"\\u0000" not in raw and b"\x00" not in raw:
        return
    found = _nul_at(request.get_json(silent=True))
    if found is not None:
        at = pointer(*found)
        raise ApiError(400, "Bad Request", f"the body holds a NUL character (\\u0000) at {at or '/'}",
                       [{"pointer": at, "message": "NUL characters cannot be stored"}])
