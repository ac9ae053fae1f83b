"""TMF list conventions: offset / limit, X-Total-Count and X-Result-Count."""
from __future__ import annotations

from flask import jsonify, request

from api.contract.model import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from api.errors import ApiError


def paging() -> tuple[int, int]:
    try:
        offset = int(request.args.get("offset", 0))
        limit = int(request.args.get("limit", DEFAULT_LIMIT))
    except ValueError as error:
        raise ApiError(400, "Bad Request", "offset and limit must be whole numbers") from error
    if not 0 <= offset <= MAX_OFFSET or limit < 1:
        raise ApiError(400, "Bad Request", f"offset must be from 0 to {MAX_OFFSET} and limit >= 1")
    return offset, min(limit, MAX_LIMIT)


def list_response(bodies: list[dict], total: int):
    response = jsonify(bodies)
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Result-Count"] = str(len(bodies))
    return response
