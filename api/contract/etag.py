"""Strong ETags from the representation, and the If-Match guard of optimistic locking."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import request

from api.errors import ApiError


def etag_for_plain(plain: Any) -> str:
    """A strong ETag of JSON data: the hash of its canonical form (object keys sorted at every depth), so the
    tag does not change when a store hands free-form JSON back with its keys in another order (JSONB does)."""
    canonical = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return '"' + hashlib.sha256(canonical).hexdigest()[:32] + '"'


def etag_of(value: Any, type_: Any = None) -> str:
    """The ETag a GET of ``value`` answers (``type_``: the endpoint's response type)."""
    from api.contract.endpoint import to_plain
    return etag_for_plain(to_plain(value, type_))


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

