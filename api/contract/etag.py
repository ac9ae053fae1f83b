"""Strong ETags from the representation, and the If-Match guard of optimistic locking."""
from __future__ import annotations

import hashlib
from typing import Any

from flask import request

from api.errors import ApiError


def etag_for_bytes(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_of(value: Any, type_: Any = None) -> str:
    """The ETag a GET of ``value`` answers: the hash of its JSON body exactly as the endpoint serialises it."""
    from api.contract.endpoint import to_json_bytes
    return etag_for_bytes(to_json_bytes(value, type_))


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def require_if_match(current: str) -> None:
    """Refuse a write that does not name the current representation: 428 without If-Match, 412 when stale."""
    header = request.headers.get("If-Match")
    if header is None:
        raise ApiError(428, "Precondition Required",
                       "send If-Match with the ETag of the representation you changed (GET it first)")
    tags = _tags(header)
    if "*" not in tags and current not in tags:
        raise ApiError(412, "Precondition Failed",
                       "the resource changed since you read it (If-Match is stale): GET it again and redo "
                       "your change", [{"header": "If-Match", "message": f"current ETag is {current}"}])


def matches_if_none_match(current: str) -> bool:
    header = request.headers.get("If-None-Match")
    return header is not None and (current in _tags(header) or "*" in _tags(header))

