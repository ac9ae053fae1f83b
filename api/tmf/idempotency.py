"""The ``Idempotency-Key`` request header of TMF create requests: reading it and whose key it is."""
from __future__ import annotations

import re

from flask import request

from api.auth.identity import current_user
from api.errors import ApiError
from api.permissions import actor
from engine.runtime.orders.idempotency import MAX_KEY_LENGTH

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
_VALID = re.compile(rf"[\x21-\x7e]{{1,{MAX_KEY_LENGTH}}}")


def idempotency_key() -> str | None:
    """The request's key (optional); 400 when it is empty, too long or not visible ASCII."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip().strip('"')
    if not _VALID.fullmatch(key):
        raise ApiError(400, "Bad Request", f"header {HEADER} must be 1 to {MAX_KEY_LENGTH} visible ASCII characters "
                                           f"(e.g. a UUID)", [{"pointer": f"header:{HEADER}",
                                                               "message": "invalid idempotency key"}])
    return key


def key_scope() -> str:
    """Whose keys these are: a customer's party (all its users share them), else the calling user."""
    user = current_user()
    if user is not None and user.is_customer and user.party_id:
        return f"party:{user.party_id}"
    return f"user:{actor()}"
